using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// A single-column, ATS-friendly .docx: real styles (Title, Heading1/2, List Bullet with a
/// numbering definition), all text as plain runs, core properties set.
/// </summary>
public sealed partial class WordResumeRenderer : IResumeRenderer
{
    private const int BulletNumberingId = 1;

    public string FileType => "word";

    public RenderedDocument Render(TailoredResume resume)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = Numbering();
            var body = new Body();
            var c = resume.Candidate;

            body.Append(Paragraph("Title", c.FullName));
            if (!string.IsNullOrWhiteSpace(c.Headline))
            {
                body.Append(Paragraph("Subtitle", c.Headline));
            }

            var contact = new[] { c.Email, c.Phone, c.Location }.Where(s => !string.IsNullOrWhiteSpace(s));
            body.Append(Paragraph(null, string.Join("  |  ", contact)));

            body.Append(Paragraph("Heading1", "Summary"), Paragraph(null, resume.Summary));
            if (resume.Skills.Count > 0)
            {
                body.Append(Paragraph("Heading1", "Skills"), Paragraph(null, string.Join(" · ", resume.Skills)));
            }

            if (resume.Experience.Count > 0)
            {
                body.Append(Paragraph("Heading1", "Experience"));
                foreach (var role in resume.Experience)
                {
                    body.Append(Paragraph("Heading2", $"{role.Title} — {role.Company}"));
                    var dates = string.Join(" – ", new[] { role.StartDate, role.EndDate }.Where(d => !string.IsNullOrWhiteSpace(d)));
                    if (dates.Length > 0)
                    {
                        body.Append(Paragraph(null, dates));
                    }

                    foreach (var bullet in role.Bullets)
                    {
                        body.Append(Bullet(bullet));
                    }
                }
            }

            if (resume.Education.Count > 0)
            {
                body.Append(Paragraph("Heading1", "Education"));
                foreach (var school in resume.Education)
                {
                    body.Append(Paragraph(null, string.Join(", ", new[] { school.Degree, school.School, school.Year }.Where(s => !string.IsNullOrWhiteSpace(s)))));
                }
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 12240U, Height = 15840U },
                new PageMargin { Top = 1080, Bottom = 1080, Left = 1080U, Right = 1080U, Header = 720U, Footer = 720U, Gutter = 0U }));
            main.Document = new Document(body);

            var properties = document.PackageProperties;
            properties.Title = $"{c.FullName} — {resume.JobRef}";
            properties.Creator = c.FullName;
            properties.Subject = resume.JobRef;
            properties.Keywords = string.Join(", ", resume.Match.Matched);
            properties.Created = DateTime.UtcNow;
            properties.Modified = DateTime.UtcNow;
        }

        return new RenderedDocument(stream.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            $"{Safe(resume.Candidate.FullName)}_{Safe(resume.JobRef)}.docx");
    }

    private static Paragraph Paragraph(string? style, string text)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static Paragraph Bullet(string text) => new(
        new ParagraphProperties(
            new ParagraphStyleId { Val = "ListBullet" },
            new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = BulletNumberingId })),
        new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Styles Styles()
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = "22" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "80", Line = "264", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(
            Style("Normal", "Normal", null, isDefault: true),
            Style("Title", "Title", new StyleRunProperties(new Bold(), new FontSize { Val = "44" })),
            Style("Subtitle", "Subtitle", new StyleRunProperties(new Color { Val = "404040" }, new FontSize { Val = "26" })),
            Style("Heading1", "heading 1", new StyleRunProperties(new Bold(), new Color { Val = "1F3864" }, new FontSize { Val = "28" }),
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "80" }, new OutlineLevel { Val = 0 })),
            Style("Heading2", "heading 2", new StyleRunProperties(new Bold(), new FontSize { Val = "24" }),
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "160", After = "40" }, new OutlineLevel { Val = 1 })),
            Style("ListBullet", "List Bullet", null, new StyleParagraphProperties(new Indentation { Left = "360", Hanging = "360" })));
        return styles;
    }

    private static Style Style(string id, string name, StyleRunProperties? run, StyleParagraphProperties? paragraph = null, bool isDefault = false)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        style.Append(new StyleName { Val = name });
        if (!isDefault)
        {
            style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" });
        }

        style.Append(new PrimaryStyle());
        if (paragraph is not null)
        {
            style.Append(paragraph);
        }

        if (run is not null)
        {
            style.Append(run);
        }

        return style;
    }

    private static Numbering Numbering() => new(
        new AbstractNum(
            new MultiLevelType { Val = MultiLevelValues.HybridMultilevel },
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "\u2022" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "360", Hanging = "360" })) { LevelIndex = 0 })
        { AbstractNumberId = 1 },
        new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = BulletNumberingId });

    private static string Safe(string value) => Unsafe().Replace(value.Trim(), "_");

    [GeneratedRegex(@"[^\w.-]+")]
    private static partial Regex Unsafe();
}
