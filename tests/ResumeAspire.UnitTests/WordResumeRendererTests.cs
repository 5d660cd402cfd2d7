using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.UnitTests;

public class WordResumeRendererTests
{
    private static readonly TailoredResume Resume = KeywordTailor.Tailor(Candidates.BackendEngineer(), "JOB-001", JobDescriptions.BackendDotNet);

    public static TheoryData<string> Templates => [.. ResumeTemplates.Supported.Order(StringComparer.Ordinal)];

    public static TheoryData<string, FileFormatVersions> TemplatesAndVersions
    {
        get
        {
            var data = new TheoryData<string, FileFormatVersions>();
            foreach (var template in ResumeTemplates.Supported.Order(StringComparer.Ordinal))
            {
                foreach (var version in new[] { FileFormatVersions.Office2007, FileFormatVersions.Office2010, FileFormatVersions.Office2019, FileFormatVersions.Microsoft365 })
                {
                    data.Add(template, version);
                }
            }

            return data;
        }
    }

    private static RenderedDocument Render(TailoredResume? resume = null, string template = ResumeTemplates.Default) =>
        new WordResumeRenderer().Render(resume ?? Resume, template);

    private static WordprocessingDocument Open(RenderedDocument rendered) => WordprocessingDocument.Open(new MemoryStream(rendered.Content), isEditable: false);

    [Fact]
    public void Answers_the_word_file_type_with_a_docx_name()
    {
        var rendered = Render();

        Assert.Equal("word", new WordResumeRenderer().FileType);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", rendered.ContentType);
        Assert.Equal("Jane_Doe_JOB-001.docx", rendered.FileName);
    }

    [Theory]
    [MemberData(nameof(TemplatesAndVersions))]
    public void Produces_a_document_the_validator_accepts(string template, FileFormatVersions version)
    {
        using var document = Open(Render(template: template));

        var errors = new OpenXmlValidator(version).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Produces_a_document_the_default_validator_accepts(string template)
    {
        using var document = Open(Render(template: template));

        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Contains_the_name_the_sections_and_a_matched_keyword(string template)
    {
        using var document = Open(Render(template: template));
        var body = document.MainDocumentPart!.Document!.Body!;
        var text = body.InnerText;

        Assert.Contains("Jane Doe", text);
        Assert.Contains("PostgreSQL", text);
        // ATS parsers read text, not formatting: every keyword the job and the candidate share is there as words.
        Assert.NotEmpty(Resume.Match.Matched);
        Assert.All(Resume.Match.Matched, keyword => Assert.Contains(keyword, text, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Senior Software Engineer — Contoso", text);
        Assert.Contains("2016-06 – 2020-02", text);
        Assert.Contains("BSc Computer Science, State University (2016)", text);

        var headings = Paragraphs(body, WordStyles.Heading1).Select(p => p.InnerText);
        Assert.Equal(["Summary", "Skills", "Experience", "Education"], headings);
        Assert.Equal(["Senior Software Engineer — Contoso", "Software Engineer — Fabrikam"], Paragraphs(body, WordStyles.Heading2).Select(p => p.InnerText));
        Assert.Equal("Jane Doe", Assert.Single(Paragraphs(body, WordStyles.Title)).InnerText);
    }

    [Theory]
    [InlineData(ResumeTemplates.Classic, ", ")]
    [InlineData(ResumeTemplates.Modern, " · ")]
    public void Keeps_the_tailored_order_of_skills_and_bullets(string template, string separator)
    {
        using var document = Open(Render(template: template));
        var body = document.MainDocumentPart!.Document!.Body!;

        Assert.Equal(string.Join(separator, Resume.Skills), Assert.Single(Paragraphs(body, WordStyles.Skills)).InnerText);
        Assert.Equal(Resume.Experience.SelectMany(e => e.Bullets), Paragraphs(body, WordStyles.ListBullet).Select(p => p.InnerText));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Makes_bullets_from_the_numbering_definition_not_typed_characters(string template)
    {
        using var document = Open(Render(template: template));
        var main = document.MainDocumentPart!;
        var bullets = Paragraphs(main.Document!.Body!, WordStyles.ListBullet).ToList();

        Assert.Equal(6, bullets.Count);
        var numberIds = bullets.Select(p => p.ParagraphProperties?.NumberingProperties?.NumberingId?.Val?.Value).Distinct().ToList();
        var numberId = Assert.Single(numberIds);
        Assert.NotNull(numberId);

        var instance = Assert.Single(main.NumberingDefinitionsPart!.Numbering!.Elements<NumberingInstance>(), n => n.NumberID?.Value == numberId);
        var abstractNum = Assert.Single(main.NumberingDefinitionsPart.Numbering.Elements<AbstractNum>(), a => a.AbstractNumberId?.Value == instance.AbstractNumId!.Val!.Value);
        Assert.Equal(NumberFormatValues.Bullet, abstractNum.Elements<Level>().First().NumberingFormat!.Val!.Value);
        Assert.DoesNotContain("•", main.Document.Body!.InnerText);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Defines_the_styles_it_uses(string template)
    {
        using var document = Open(Render(template: template));
        var main = document.MainDocumentPart!;
        var defined = main.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(s => s.StyleId!.Value).ToHashSet();

        Assert.Superset(new HashSet<string?> { "Normal", "Title", "Heading1", "Heading2", "ListBullet" }, defined);
        var used = main.Document!.Descendants<ParagraphStyleId>().Select(s => s.Val!.Value)
            .Concat(main.Document.Descendants<RunStyle>().Select(s => s.Val!.Value));
        Assert.All(used, id => Assert.Contains(id, defined));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Links_the_email_and_lays_out_the_page(string template)
    {
        using var document = Open(Render(template: template));
        var main = document.MainDocumentPart!;
        var body = main.Document!.Body!;

        var link = Assert.Single(body.Descendants<Hyperlink>());
        Assert.Equal("jane.doe@example.com", link.InnerText);
        Assert.Equal("mailto:jane.doe@example.com", main.HyperlinkRelationships.Single(r => r.Id == link.Id).Uri.ToString());
        Assert.Contains("jane.doe@example.com | +44 20 7946 0000 | London, UK", body.InnerText);

        var section = Assert.IsType<SectionProperties>(body.LastChild);
        Assert.NotNull(section.GetFirstChild<PageSize>());
        Assert.NotNull(section.GetFirstChild<PageMargin>());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Keeps_to_one_column_of_plain_runs(string template)
    {
        using var document = Open(Render(template: template));
        var body = document.MainDocumentPart!.Document!.Body!;

        Assert.Empty(body.Descendants<Table>());
        Assert.Empty(body.Descendants<Drawing>());
        Assert.Empty(body.Descendants<SimpleField>());
        Assert.Empty(body.Descendants<FieldCode>());
        Assert.Null(body.Descendants<Columns>().FirstOrDefault(c => c.ColumnCount?.Value > 1));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Sets_the_core_properties(string template)
    {
        using var document = Open(Render(template: template));
        var properties = document.PackageProperties;

        Assert.Equal("Jane Doe", properties.Creator);
        Assert.Equal("JOB-001", properties.Subject);
        Assert.Contains("Jane Doe", properties.Title);
        Assert.Equal(string.Join(", ", Resume.Match.Matched), properties.Keywords);
        Assert.NotNull(properties.Created);
        Assert.NotNull(properties.Modified);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Copes_with_a_bare_profile_and_hostile_text(string template)
    {
        var bare = new CandidateProfile("  Zoë \u0001O'Brien / \"Admin\"  ", "not an email", null, null, null, null, [], [], []);
        var resume = new TailoredResume(bare, "../../etc/passwd", "Line one\nline\ttwo\u0000.", [], [], [], new MatchReport(0, [], []));

        var rendered = Render(resume, template);
        using var document = Open(rendered);

        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Equal("Zoe_O_Brien_Admin_etc_passwd.docx", rendered.FileName);
        Assert.Contains("Line one line two.", document.MainDocumentPart!.Document!.Body!.InnerText);
        Assert.Empty(document.MainDocumentPart.Document.Body!.Descendants<Hyperlink>());
    }

    private static IEnumerable<Paragraph> Paragraphs(Body body, string styleId) =>
        body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == styleId);
}
