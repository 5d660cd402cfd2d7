using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// A single-column, ATS-friendly .docx: named styles instead of direct formatting, bullets from
/// a numbering definition, every word in a plain run (no tables, text boxes or fields), and core
/// properties that say whose resume it is and for which job.
/// </summary>
public sealed class WordResumeRenderer : IResumeRenderer
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Separator = " | ";

    public string FileType => "word";

    public RenderedDocument Render(TailoredResume resume)
    {
        ArgumentNullException.ThrowIfNull(resume);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = WordStyles.Create();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = WordNumbering.Create();
            main.AddNewPart<DocumentSettingsPart>().Settings = WordSettings.Create();
            main.Document = new Document(Body(resume, main));
            SetCoreProperties(document, resume);
        }

        return new RenderedDocument(stream.ToArray(), WordContentType, ResumeFileName.For(resume.Candidate.FullName, resume.JobRef, "docx"));
    }

    private static Body Body(TailoredResume resume, MainDocumentPart main)
    {
        var candidate = resume.Candidate;
        var body = new Body(Paragraph(WordStyles.Title, WordText.Clean(candidate.FullName).Trim()));
        AddIfPresent(body, WordStyles.Subtitle, candidate.Headline);
        if (ContactLine(candidate, main) is { } contact)
        {
            body.Append(contact);
        }

        if (!string.IsNullOrWhiteSpace(resume.Summary))
        {
            body.Append(Paragraph(WordStyles.Heading1, "Summary"), Paragraph(null, resume.Summary.Trim()));
        }

        if (resume.Skills.Count > 0)
        {
            body.Append(Paragraph(WordStyles.Heading1, "Skills"), Paragraph(null, string.Join(", ", NonEmpty([.. resume.Skills]))));
        }

        if (resume.Experience.Count > 0)
        {
            body.Append(Paragraph(WordStyles.Heading1, "Experience"));
            foreach (var role in resume.Experience)
            {
                AddIfPresent(body, WordStyles.Heading2, string.Join(" — ", NonEmpty(role.Title, role.Company)));
                AddIfPresent(body, WordStyles.RoleDates, string.Join(" – ", NonEmpty(role.StartDate, role.EndDate)));
                foreach (var bullet in role.Bullets.Where(b => !string.IsNullOrWhiteSpace(b)))
                {
                    body.Append(Bullet(WordText.Clean(bullet).Trim()));
                }
            }
        }

        if (resume.Education.Count > 0)
        {
            body.Append(Paragraph(WordStyles.Heading1, "Education"));
            foreach (var school in resume.Education)
            {
                var line = string.Join(", ", NonEmpty(school.Degree, school.School));
                var year = WordText.Clean(school.Year).Trim();
                AddIfPresent(body, null, year.Length == 0 ? line : $"{line} ({year})");
            }
        }

        body.Append(PageLayout());
        return body;
    }

    private static Paragraph? ContactLine(CandidateProfile candidate, MainDocumentPart main)
    {
        var parts = new List<OpenXmlElement>();
        var email = WordText.Clean(candidate.Email).Trim();
        if (email.Length > 0)
        {
            parts.Add(Uri.TryCreate("mailto:" + email, UriKind.Absolute, out var mailto)
                ? new Hyperlink(Run(email, WordStyles.Hyperlink)) { Id = main.AddHyperlinkRelationship(mailto, isExternal: true).Id, History = true }
                : Run(email));
        }

        foreach (var detail in NonEmpty(candidate.Phone, candidate.Location))
        {
            parts.Add(Run(detail));
        }

        if (parts.Count == 0)
        {
            return null;
        }

        var paragraph = new Paragraph();
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                paragraph.Append(Run(Separator));
            }

            paragraph.Append(parts[i]);
        }

        return paragraph;
    }

    private static void AddIfPresent(Body body, string? style, string? text)
    {
        var cleaned = WordText.Clean(text).Trim();
        if (cleaned.Length > 0)
        {
            body.Append(Paragraph(style, cleaned));
        }
    }

    private static Paragraph Paragraph(string? style, string text)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        paragraph.Append(Run(text));
        return paragraph;
    }

    private static Paragraph Bullet(string text) => new(
        new ParagraphProperties(
            new ParagraphStyleId { Val = WordStyles.ListBullet },
            new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = WordNumbering.BulletListId })),
        Run(text));

    private static Run Run(string text, string? characterStyle = null)
    {
        var run = new Run();
        if (characterStyle is not null)
        {
            run.Append(new RunProperties(new RunStyle { Val = characterStyle }));
        }

        run.Append(new Text(WordText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static IEnumerable<string> NonEmpty(params string?[] values) => values.Select(v => WordText.Clean(v).Trim()).Where(v => v.Length > 0);

    // US Letter, Word's page for the en-US language the styles declare; 0.75-inch margins keep a
    // one-page resume on one page without crowding it.
    private static SectionProperties PageLayout() => new(
        new PageSize { Width = 12240U, Height = 15840U },
        new PageMargin { Top = 1080, Bottom = 1080, Left = 1080U, Right = 1080U, Header = 720U, Footer = 720U, Gutter = 0U });

    private static void SetCoreProperties(WordprocessingDocument document, TailoredResume resume)
    {
        var name = WordText.Clean(resume.Candidate.FullName).Trim();
        var now = DateTime.UtcNow;
        var properties = document.PackageProperties;
        var jobRef = WordText.Clean(resume.JobRef).Trim();
        properties.Title = $"{name} — Resume for {jobRef}";
        properties.Creator = name;
        properties.LastModifiedBy = name;
        properties.Subject = jobRef;
        properties.Keywords = string.Join(", ", NonEmpty([.. resume.Match.Matched]));
        properties.Created = now;
        properties.Modified = now;
    }
}
