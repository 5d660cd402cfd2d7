using PdfSharp.Drawing;
using PdfSharp.Pdf;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// The Word document's content as a PDF: the same paragraphs in the same order, real text in
/// embedded (subset) fonts so it can be selected, searched and parsed, lines broken to the margins,
/// pages broken like a word processor would (<see cref="PdfPaginator"/>), a clickable email,
/// bookmarks for the sections, and document info that says whose resume it is and for which job.
/// </summary>
public sealed class PdfResumeRenderer : IResumeRenderer
{
    public const string PdfContentType = "application/pdf";

    private const string Producer = "ResumeAspire";

    public string FileType => FileTypes.Pdf;

    public RenderedDocument Render(TailoredResume resume, string template)
    {
        ArgumentNullException.ThrowIfNull(resume);
        var outline = ResumeOutline.From(resume);
        var layout = Lay(outline, ResumeTheme.For(template));

        using var document = new PdfDocument();
        SetInfo(document, outline);
        foreach (var pageLayout in layout.Pages)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PdfPageGeometry.Width);
            page.Height = XUnit.FromPoint(PdfPageGeometry.Height);
            using var graphics = XGraphics.FromPdfPage(page);
            Draw(document, page, graphics, pageLayout, layout.Styles);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return new RenderedDocument(stream.ToArray(), PdfContentType, ResumeFileName.For(resume.Candidate.FullName, resume.JobRef, "pdf"));
    }

    /// <summary>The pages the renderer will draw; tests compare its page count with the file's.</summary>
    internal static PdfDocumentLayout Lay(TailoredResume resume, string template) =>
        Lay(ResumeOutline.From(resume), ResumeTheme.For(template));

    private static PdfDocumentLayout Lay(ResumeOutline outline, ResumeTheme theme)
    {
        var styles = PdfStyleSheet.For(theme);
        using var measure = XGraphics.CreateMeasureContext(new XSize(PdfPageGeometry.Width, PdfPageGeometry.Height), XGraphicsUnit.Point, XPageDirection.Downwards);
        return new PdfPaginator(styles, (text, font) => measure.MeasureString(text, font).Width).Lay(PdfBlock.From(outline, theme));
    }

    private static void Draw(PdfDocument document, PdfPage page, XGraphics graphics, PdfPageLayout layout, PdfStyleSheet styles)
    {
        foreach (var rule in layout.Rules)
        {
            graphics.DrawLine(new XPen(styles.Accent, rule.Thickness), rule.X1, rule.Y, rule.X2, rule.Y);
        }

        foreach (var line in layout.Lines)
        {
            var style = styles[line.Role];
            // Centre the font's own line height in the (taller) line box, like Word's "multiple" line spacing.
            var top = line.Top + ((style.LineHeight - style.Font.GetHeight()) / 2);
            if (line.Role == PdfRole.Bullet && line.StartsBlock)
            {
                DrawText(graphics, PdfStyleSheet.BulletMarker, style.Font, style.Colour, line.X - PdfStyleSheet.BulletIndent, top);
            }

            if (line.Role == PdfRole.Heading && line.StartsBlock)
            {
                // A bookmark per section: the reader's navigation pane, like Word's headings.
                document.Outlines.Add(line.Text, page, opened: true);
            }

            if (line.Link is { } link && line.LinkLength > 0 && line.LinkLength <= line.Text.Length)
            {
                var x = DrawLink(page, graphics, line.Text[..line.LinkLength], link, style, styles.Link, line.X, top);
                DrawText(graphics, line.Text[line.LinkLength..], style.Font, style.Colour, x, top);
            }
            else
            {
                DrawText(graphics, line.Text, style.Font, style.Colour, line.X, top);
            }
        }
    }

    /// <summary>Draws link text underlined in the link colour with a URI annotation over it; returns where the line continues.</summary>
    private static double DrawLink(PdfPage page, XGraphics graphics, string text, Uri target, PdfTextStyle style, XColor colour, double x, double top)
    {
        var width = graphics.MeasureString(text, style.Font).Width;
        var height = style.Font.GetHeight();
        DrawText(graphics, text, style.Font, colour, x, top);
        var underline = top + (height * 0.88);
        graphics.DrawLine(new XPen(colour, 0.6), x, underline, x + width, underline);

        // Annotations take PDF user space: origin bottom left, y upwards.
        page.AddWebLink(
            new PdfRectangle(new XPoint(x, PdfPageGeometry.Height - top - height), new XPoint(x + width, PdfPageGeometry.Height - top)),
            target.ToString());
        return x + width;
    }

    private static void DrawText(XGraphics graphics, string text, XFont font, XColor colour, double x, double top)
    {
        if (text.Length > 0)
        {
            graphics.DrawString(text, font, new XSolidBrush(colour), x, top, XStringFormats.TopLeft);
        }
    }

    private static void SetInfo(PdfDocument document, ResumeOutline outline)
    {
        var info = document.Info;
        info.Title = outline.Title;
        info.Author = outline.Name;
        info.Subject = outline.JobRef;
        info.Keywords = string.Join(", ", outline.Keywords);
        info.Creator = Producer;
        info.CreationDate = DateTime.UtcNow;
        document.Language = "en-US";
    }
}
