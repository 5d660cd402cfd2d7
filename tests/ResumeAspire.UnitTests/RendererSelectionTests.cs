using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ResumeAspire.Core;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Generation;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.UnitTests;

/// <summary>File type and template reach the right renderer; the old call shapes still work.</summary>
public class RendererSelectionTests
{
    private static readonly TailoredResume Resume = KeywordTailor.Tailor(Candidates.BackendEngineer(), "JOB-001", JobDescriptions.BackendDotNet);

    private static ResumeGenerator Generator() => new(new KeywordTailor(), [new WordResumeRenderer(), new PdfResumeRenderer()]);

    [Fact]
    public void Offers_word_and_pdf_in_two_templates()
    {
        Assert.Equal(["pdf", "word"], FileTypes.Supported.Order(StringComparer.Ordinal));
        Assert.Equal(["classic", "modern"], ResumeTemplates.Supported.Order(StringComparer.Ordinal));
        Assert.Equal(ResumeTemplates.Classic, ResumeTemplates.Default);
    }

    [Fact]
    public void Registers_a_renderer_for_every_supported_file_type()
    {
        using var services = new ServiceCollection().AddResumeGeneration().BuildServiceProvider();

        Assert.Equal(FileTypes.Supported.Order(StringComparer.Ordinal), services.GetServices<IResumeRenderer>().Select(r => r.FileType).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("word", "classic", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Jane_Doe_JOB-001.docx")]
    [InlineData("word", "modern", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Jane_Doe_JOB-001.docx")]
    [InlineData("pdf", "classic", "application/pdf", "Jane_Doe_JOB-001.pdf")]
    [InlineData("pdf", "modern", "application/pdf", "Jane_Doe_JOB-001.pdf")]
    public void Renders_the_requested_type_and_template(string fileType, string template, string contentType, string fileName)
    {
        var rendered = Generator().Render(Resume, fileType, template);

        Assert.Equal(contentType, rendered.ContentType);
        Assert.Equal(fileName, rendered.FileName);
    }

    [Fact]
    public void The_template_changes_the_document()
    {
        var generator = Generator();

        Assert.DoesNotContain("Liberation#20Serif", BaseFonts(generator.Render(Resume, "pdf", "classic")));
        Assert.Contains("Liberation#20Serif,Bold", BaseFonts(generator.Render(Resume, "pdf", "modern")));
    }

    [Fact]
    public async Task Callers_without_a_template_get_the_default()
    {
        var generator = Generator();

        var generated = await generator.GenerateAsync(Candidates.BackendEngineer(), "JOB-001", JobDescriptions.BackendDotNet, FileTypes.Word, CancellationToken.None);
        var rendered = generator.Render(generated.Resume, FileTypes.Word);

        Assert.Equal(StylesAndText(new WordResumeRenderer().Render(generated.Resume, ResumeTemplates.Default)), StylesAndText(generated.Document));
        Assert.Equal(StylesAndText(new WordResumeRenderer().Render(generated.Resume, ResumeTemplates.Default)), StylesAndText(rendered));
    }

    [Fact]
    public async Task Passes_the_template_through_generation()
    {
        var generated = await Generator().GenerateAsync(Candidates.BackendEngineer(), "JOB-001", JobDescriptions.BackendDotNet, FileTypes.Pdf, ResumeTemplates.Modern, CancellationToken.None);

        Assert.Contains("Liberation#20Serif,Bold", BaseFonts(generated.Document));
    }

    [Fact]
    public void Rejects_an_unknown_template_or_file_type()
    {
        var generator = Generator();

        Assert.Equal("fancy", Assert.Throws<UnsupportedTemplateException>(() => generator.Render(Resume, "pdf", "fancy")).Template);
        Assert.Throws<UnsupportedTemplateException>(() => generator.Render(Resume, "word", ""));
        Assert.Throws<UnsupportedFileTypeException>(() => generator.Render(Resume, "odt", "classic"));
    }

    /// <summary>The fonts a PDF names, without the random subset tag (names are PDF-escaped: a space is #20).</summary>
    private static List<string> BaseFonts(RenderedDocument pdf) =>
        [.. Regex.Matches(Encoding.Latin1.GetString(pdf.Content), @"/BaseFont/[A-Z]{6}\+([^/>\s]+)").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    // The styles part differs between templates; the document part (the words) must not.
    private static string StylesAndText(RenderedDocument docx)
    {
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx.Content), isEditable: false);
        return document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.OuterXml + document.MainDocumentPart.Document!.Body!.InnerText;
    }
}
