using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ResumeAspire.Core.Rendering;

/// <summary>What a block of PDF text is; the PDF counterpart of the Word paragraph styles.</summary>
internal enum PdfRole
{
    Name,
    Headline,
    Contact,
    Heading,
    RoleHeading,
    RoleDates,
    Body,
    Skills,
    Bullet,
}

/// <summary>
/// How one kind of block is set. Sizes in points; <paramref name="LineHeight"/> is the distance
/// between baselines. <paramref name="KeepWithNext"/> makes the paginator move the block to the
/// next page when what follows it would not fit, so headings never end a page.
/// </summary>
internal sealed record PdfTextStyle(
    XFont Font,
    XColor Colour,
    double LineHeight,
    double SpaceBefore,
    double SpaceAfter,
    double Indent,
    bool KeepWithNext,
    bool Uppercase = false,
    double RuleBelow = 0,
    double RuleGap = 0)
{
    /// <summary>Vertical room the rule under the block takes, gap included.</summary>
    public double RuleSpace => RuleBelow > 0 ? RuleGap + RuleBelow : 0;
}

/// <summary>
/// A template's PDF styles, sized like the Word ones (11 pt body, 1.1 line spacing, the same
/// spacing before and after) so the two files look like the same document.
/// </summary>
internal sealed class PdfStyleSheet
{
    /// <summary>Bullet glyph, hung in the indent like Word's List Bullet (0.25 in).</summary>
    public const string BulletMarker = "\u2022";

    public const double BulletIndent = 18;

    private readonly Dictionary<PdfRole, PdfTextStyle> _styles;

    private PdfStyleSheet(ResumeTheme theme, Dictionary<PdfRole, PdfTextStyle> styles)
    {
        Theme = theme;
        _styles = styles;
    }

    public ResumeTheme Theme { get; }

    public XColor Accent => Colour(Theme.Accent);

    public XColor Link => Colour(ResumeTheme.LinkColour);

    public PdfTextStyle this[PdfRole role] => _styles[role];

    public static PdfStyleSheet For(ResumeTheme theme)
    {
        PdfFonts.EnsureInstalled();
        var body = theme.PdfBodyFont;
        var heading = theme.PdfHeadingFont;
        var text = Colour("000000");
        var name = Style(heading, theme.NameHalfPoints / 2.0, XFontStyleEx.Bold, Colour(theme.NameColour), before: 0, after: 2, keep: true);
        var sectionHeading = Style(heading, theme.HeadingHalfPoints / 2.0, XFontStyleEx.Bold, Colour(theme.Accent), before: 0, after: 0, keep: true) with { Uppercase = theme.UppercaseHeadings };
        return new PdfStyleSheet(theme, new Dictionary<PdfRole, PdfTextStyle>
        {
            // Word draws the rule under the name 4 pt below the text and is 2.25 pt thick (sz 18 eighths).
            [PdfRole.Name] = theme.RuleUnderName ? name with { SpaceAfter = 6, RuleBelow = 2.25, RuleGap = 4 } : name,
            [PdfRole.Headline] = Style(body, 13, XFontStyleEx.Regular, Colour(theme.HeadlineColour), before: 0, after: 4, keep: true),
            [PdfRole.Contact] = Style(body, 11, XFontStyleEx.Regular, text, before: 0, after: 4, keep: false),
            // The same spacing as Word's heading 1: 12/4 pt around a ruled heading, 14/3 pt around a bare one.
            [PdfRole.Heading] = theme.RuleUnderHeadings
                ? sectionHeading with { SpaceBefore = 12, SpaceAfter = 4, RuleBelow = 0.5, RuleGap = 2 }
                : sectionHeading with { SpaceBefore = 14, SpaceAfter = 3 },
            [PdfRole.RoleHeading] = Style(body, 11.5, XFontStyleEx.Bold, text, before: 8, after: 0, keep: true),
            [PdfRole.RoleDates] = Style(body, 11, XFontStyleEx.Italic, Colour(theme.Muted), before: 0, after: 2, keep: true),
            [PdfRole.Body] = Style(body, 11, XFontStyleEx.Regular, text, before: 0, after: 4, keep: false),
            [PdfRole.Skills] = Style(body, theme.SkillsHalfPoints / 2.0, XFontStyleEx.Regular, text, before: 0, after: 4, keep: false),
            [PdfRole.Bullet] = Style(body, 11, XFontStyleEx.Regular, text, before: 0, after: 2, keep: false) with { Indent = BulletIndent },
        });
    }

    public static XColor Colour(string hex) => XColor.FromArgb(
        int.Parse(hex.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(hex.AsSpan(2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(hex.AsSpan(4, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static PdfTextStyle Style(string family, double size, XFontStyleEx style, XColor colour, double before, double after, bool keep)
    {
        // Unicode encoding: every character the font has (accents, dashes, Greek, Cyrillic) is
        // drawn and comes back from text extraction; WinAnsi would lose everything outside cp1252.
        var font = new XFont(family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));
        return new PdfTextStyle(font, colour, LineHeight: font.GetHeight() * 1.1, before, after, Indent: 0, keep);
    }
}
