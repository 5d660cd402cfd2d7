namespace ResumeAspire.Core.Rendering;

/// <summary>US Letter with 0.75-inch margins, the page the Word document declares; in points.</summary>
internal static class PdfPageGeometry
{
    public const double Width = 612;
    public const double Height = 792;
    public const double Margin = 54;
    public const double ContentWidth = Width - (2 * Margin);
    public const double Bottom = Height - Margin;
}

/// <summary>
/// One line of text at its final place. <paramref name="Top"/> is the top of the line box (points
/// from the top of the page); <paramref name="StartsBlock"/> marks a paragraph's first line, where
/// a bullet gets its marker.
/// </summary>
internal sealed record PdfLine(PdfRole Role, string Text, double X, double Top, bool StartsBlock, Uri? Link = null, int LinkLength = 0);

/// <summary>A horizontal accent rule; <paramref name="Y"/> is its centre line.</summary>
internal sealed record PdfRule(double X1, double X2, double Y, double Thickness);

internal sealed class PdfPageLayout
{
    public List<PdfLine> Lines { get; } = [];

    public List<PdfRule> Rules { get; } = [];
}

/// <summary>The whole resume laid out: what the renderer draws, and what tests count pages on.</summary>
internal sealed record PdfDocumentLayout(PdfStyleSheet Styles, IReadOnlyList<PdfPageLayout> Pages);
