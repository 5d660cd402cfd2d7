using System.Text;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.UnitTests;

/// <summary>The PDF read back with poppler, as an ATS or a PDF viewer would read it.</summary>
public sealed class PdfResumeRendererTests : IDisposable
{
    private static readonly TailoredResume Resume = KeywordTailor.Tailor(Candidates.BackendEngineer(), "JOB-001", JobDescriptions.BackendDotNet);

    private readonly TempDirectory _files = new("resume-pdf-");

    public static TheoryData<string> Templates => [.. ResumeTemplates.Supported.Order(StringComparer.Ordinal)];

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Answers_the_pdf_file_type_with_a_pdf_name()
    {
        var rendered = new PdfResumeRenderer().Render(Resume, ResumeTemplates.Default);

        Assert.Equal("pdf", new PdfResumeRenderer().FileType);
        Assert.Equal("application/pdf", rendered.ContentType);
        Assert.Equal("Jane_Doe_JOB-001.pdf", rendered.FileName);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(rendered.Content, 0, 5));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Has_the_same_content_as_the_word_document_as_selectable_text(string template)
    {
        var text = Poppler.Text(Save(Resume, template));

        Assert.StartsWith("Jane Doe Senior Software Engineer jane.doe@example.com | +44 20 7946 0000 | London, UK", text);
        Assert.Contains(Resume.Summary, text);
        Assert.Contains(string.Join(ResumeTheme.For(template).SkillSeparator, Resume.Skills), text);
        Assert.All(Resume.Skills, skill => Assert.Contains(skill, text));
        Assert.All(Resume.Experience.SelectMany(e => e.Bullets), bullet => Assert.Contains($"• {bullet}", text));
        Assert.Contains("Senior Software Engineer — Contoso 2020-03 – Present", text);
        Assert.Contains("Software Engineer — Fabrikam 2016-06 – 2020-02", text);
        Assert.EndsWith("BSc Computer Science, State University (2016)", text);
        Assert.All(Resume.Match.Matched, keyword => Assert.Contains(keyword, text, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(ResumeTemplates.Classic, new[] { "SUMMARY", "SKILLS", "EXPERIENCE", "EDUCATION" })]
    [InlineData(ResumeTemplates.Modern, new[] { "Summary", "Skills", "Experience", "Education" })]
    public void Puts_the_section_headings_in_order(string template, string[] headings)
    {
        var lines = Poppler.Lines(Save(Resume, template));

        Assert.Equal(headings, lines.Where(headings.Contains));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Sets_the_document_info(string template)
    {
        var info = Poppler.Info(Save(Resume, template));

        Assert.Equal("Jane Doe — Resume for JOB-001", info["Title"]);
        Assert.Equal("Jane Doe", info["Author"]);
        Assert.Equal("JOB-001", info["Subject"]);
        Assert.Equal(string.Join(", ", Resume.Match.Matched), info["Keywords"]);
        Assert.Equal("1", info["Pages"]);
        Assert.StartsWith("612 x 792 pts", info["Page size"]);
        Assert.Equal("no", info["Encrypted"]);
    }

    [Theory]
    [InlineData(ResumeTemplates.Classic, new[] { "Liberation Sans", "Liberation Sans,Bold", "Liberation Sans,Italic" })]
    [InlineData(ResumeTemplates.Modern, new[] { "Liberation Sans", "Liberation Sans,Bold", "Liberation Sans,Italic", "Liberation Serif,Bold" })]
    public void Embeds_the_templates_fonts(string template, string[] expected)
    {
        var fonts = Poppler.Fonts(Save(Resume, template));

        Assert.All(fonts, font => Assert.True(font.Embedded, $"{font.Name} is not embedded"));
        // Subset fonts are named "ABCDEF+Family,Style"; the tag differs from file to file.
        Assert.Equal(expected.Order(StringComparer.Ordinal), fonts.Select(f => f.Name[(f.Name.IndexOf('+') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Links_the_email()
    {
        var content = Encoding.Latin1.GetString(new PdfResumeRenderer().Render(Resume, ResumeTemplates.Default).Content);

        Assert.Contains("/S/URI/URI(mailto:jane.doe@example.com)", content);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Copes_with_a_bare_profile_and_hostile_text(string template)
    {
        var bare = new CandidateProfile("  Zoë \u0001O'Brien / \"Admin\"  ", "not an email", null, null, null, null, [], [], []);
        var resume = new TailoredResume(bare, "../../etc/passwd", "Line one\nline\ttwo\u0000. " + new string('x', 300), [], [], [], new MatchReport(0, [], []));

        var rendered = new PdfResumeRenderer().Render(resume, template);
        var text = Poppler.Text(_files.Write(rendered.FileName, rendered.Content));

        Assert.Equal("Zoe_O_Brien_Admin_etc_passwd.pdf", rendered.FileName);
        Assert.StartsWith("Zoë O'Brien / \"Admin\" not an email", text);
        Assert.Contains("Line one line two.", text);
        // A word wider than the page is cut, not lost or drawn past the margin.
        Assert.Equal(300, text.Count(c => c == 'x'));
        Assert.DoesNotContain("/URI", Encoding.Latin1.GetString(rendered.Content));
    }

    [Fact]
    public void Rejects_an_unknown_template()
    {
        Assert.Throws<UnsupportedTemplateException>(() => new PdfResumeRenderer().Render(Resume, "fancy"));
    }

    private string Save(TailoredResume resume, string template)
    {
        var rendered = new PdfResumeRenderer().Render(resume, template);
        return _files.Write($"{template}-{rendered.FileName}", rendered.Content);
    }
}
