using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// A single-column, ATS-friendly .docx: named styles instead of direct formatting, bullets from
/// a numbering definition, every word in a plain run (no tables, text boxes or fields), and core
/// properties that say whose resume it is and for which job. The template changes the styles only,
/// never the paragraph structure, so every template parses the same.
/// </summary>
public sealed class WordResumeRenderer : IResumeRenderer
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public string FileType => FileTypes.Word;

    public RenderedDocument Render(TailoredResume resume, string template)
    {
        ArgumentNullException.ThrowIfNull(resume);
        var theme = ResumeTheme.For(template);
        var outline = ResumeOutline.From(resume);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            // Deflate at its fastest level: the default (optimal) level made the whole render about
            // 45 % slower (0.82 ms against 0.56 ms per resume) to save 0.8 KB of a 5.7 KB file.
            document.CompressionOption = CompressionOption.Fast;
            var main = document.AddMainDocumentPart();
            WordFixedParts.AddTo(main, theme);
            main.Document = new Document(Body(outline, theme, main));
            SetCoreProperties(document, outline);
        }

        return new RenderedDocument(stream.ToArray(), WordContentType, ResumeFileName.For(resume.Candidate.FullName, resume.JobRef, "docx"));
    }

    private static Body Body(ResumeOutline outline, ResumeTheme theme, MainDocumentPart main)
    {
        var body = new Body(Paragraph(WordStyles.Title, outline.Name));
        AddIfPresent(body, WordStyles.Subtitle, outline.Headline);
        if (ContactLine(outline, main) is { } contact)
        {
            body.Append(contact);
        }

        if (outline.Summary.Length > 0)
        {
            body.Append(Paragraph(WordStyles.Heading1, ResumeOutline.SummaryHeading), Paragraph(null, outline.Summary));
        }

        if (outline.Skills.Count > 0)
        {
            body.Append(Paragraph(WordStyles.Heading1, ResumeOutline.SkillsHeading), Paragraph(WordStyles.Skills, string.Join(theme.SkillSeparator, outline.Skills)));
        }

        if (outline.Roles.Count > 0)
        {
            body.Append(Paragraph(WordStyles.Heading1, ResumeOutline.ExperienceHeading));
            foreach (var role in outline.Roles)
            {
                AddIfPresent(body, WordStyles.Heading2, role.Heading);
                AddIfPresent(body, WordStyles.RoleDates, role.Dates);
                foreach (var bullet in role.Bullets)
                {
                    body.Append(Bullet(bullet));
                }
            }
        }

        if (outline.Education.Count > 0)
        {
            body.Append(Paragraph(WordStyles.Heading1, ResumeOutline.EducationHeading));
            foreach (var line in outline.Education)
            {
                body.Append(Paragraph(null, line));
            }
        }

        body.Append(PageLayout());
        return body;
    }

    private static Paragraph? ContactLine(ResumeOutline outline, MainDocumentPart main)
    {
        var parts = new List<OpenXmlElement>();
        if (outline.Email.Length > 0)
        {
            parts.Add(outline.EmailLink is { } mailto
                ? new Hyperlink(Run(outline.Email, WordStyles.Hyperlink)) { Id = main.AddHyperlinkRelationship(mailto, isExternal: true).Id, History = true }
                : Run(outline.Email));
        }

        foreach (var detail in outline.ContactDetails)
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
                paragraph.Append(Run(ResumeOutline.ContactSeparator));
            }

            paragraph.Append(parts[i]);
        }

        return paragraph;
    }

    private static void AddIfPresent(Body body, string style, string text)
    {
        if (text.Length > 0)
        {
            body.Append(Paragraph(style, text));
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

    // Text here is already cleaned by ResumeOutline; only the separators are constants.
    private static Run Run(string text, string? characterStyle = null)
    {
        var run = new Run();
        if (characterStyle is not null)
        {
            run.Append(new RunProperties(new RunStyle { Val = characterStyle }));
        }

        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    // US Letter, Word's page for the en-US language the styles declare; 0.75-inch margins keep a
    // one-page resume on one page without crowding it.
    private static SectionProperties PageLayout() => new(
        new PageSize { Width = 12240U, Height = 15840U },
        new PageMargin { Top = 1080, Bottom = 1080, Left = 1080U, Right = 1080U, Header = 720U, Footer = 720U, Gutter = 0U });

    private static void SetCoreProperties(WordprocessingDocument document, ResumeOutline outline)
    {
        var now = DateTime.UtcNow;
        var properties = document.PackageProperties;
        properties.Title = outline.Title;
        properties.Creator = outline.Name;
        properties.LastModifiedBy = outline.Name;
        properties.Subject = outline.JobRef;
        properties.Keywords = string.Join(", ", outline.Keywords);
        properties.Created = now;
        properties.Modified = now;
    }
}
