using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.UnitTests;

/// <summary>The two Word templates look different and parse the same.</summary>
public class WordTemplateTests
{
    private static readonly TailoredResume Resume = KeywordTailor.Tailor(Candidates.BackendEngineer(), "JOB-001", JobDescriptions.BackendDotNet);

    [Fact]
    public void Both_templates_have_the_same_paragraphs_in_the_same_styles()
    {
        // ATS parsing must not depend on the look the candidate picked.
        Assert.Equal(Structure(ResumeTemplates.Classic), Structure(ResumeTemplates.Modern));
    }

    [Fact]
    public void Classic_is_calibri_with_capitalised_ruled_headings()
    {
        using var document = Open(ResumeTemplates.Classic);
        var styles = Styles(document);

        Assert.Equal("Calibri", DefaultFont(styles));
        var heading = Style(styles, WordStyles.Heading1);
        Assert.NotNull(heading.StyleRunProperties!.GetFirstChild<Caps>());
        Assert.NotNull(heading.StyleParagraphProperties!.ParagraphBorders?.BottomBorder);
        Assert.Null(Style(styles, WordStyles.Title).StyleParagraphProperties!.ParagraphBorders);
    }

    [Fact]
    public void Modern_has_a_serif_name_and_headings_a_rule_under_the_name_and_a_compact_skills_line()
    {
        using var document = Open(ResumeTemplates.Modern);
        var styles = Styles(document);

        Assert.Equal("Arial", DefaultFont(styles));
        var title = Style(styles, WordStyles.Title);
        Assert.Equal("Georgia", title.StyleRunProperties!.RunFonts!.Ascii!.Value);
        Assert.Equal("0F6E6E", title.StyleParagraphProperties!.ParagraphBorders!.BottomBorder!.Color!.Value);
        var heading = Style(styles, WordStyles.Heading1);
        Assert.Equal("Georgia", heading.StyleRunProperties!.RunFonts!.Ascii!.Value);
        Assert.Null(heading.StyleRunProperties.GetFirstChild<Caps>());
        Assert.Null(heading.StyleParagraphProperties!.ParagraphBorders);
        Assert.Equal("20", Style(styles, WordStyles.Skills).StyleRunProperties!.FontSize!.Val!.Value);
        Assert.Contains(string.Join(" · ", Resume.Skills), document.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public void Rejects_an_unknown_template()
    {
        var error = Assert.Throws<UnsupportedTemplateException>(() => new WordResumeRenderer().Render(Resume, "Classic"));

        Assert.Equal("Classic", error.Template);
    }

    private static List<(string? Style, bool Numbered)> Structure(string template)
    {
        using var document = Open(template);
        return [.. document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
            .Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.ParagraphProperties?.NumberingProperties is not null))];
    }

    private static WordprocessingDocument Open(string template) =>
        WordprocessingDocument.Open(new MemoryStream(new WordResumeRenderer().Render(Resume, template).Content), isEditable: false);

    private static Styles Styles(WordprocessingDocument document) => document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;

    private static Style Style(Styles styles, string id) => styles.Elements<Style>().Single(s => s.StyleId?.Value == id);

    private static string? DefaultFont(Styles styles) => styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!.Ascii?.Value;
}
