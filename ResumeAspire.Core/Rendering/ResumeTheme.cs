using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// One template's look, for every output format at once so a Word and a PDF file in the same
/// template look alike. Colours are RRGGBB hex, as WordprocessingML wants them.
/// </summary>
/// <param name="WordBodyFont">Font the .docx asks for; Word substitutes if the reader lacks it.</param>
/// <param name="WordHeadingFont">Font of the name and section headings in the .docx.</param>
/// <param name="PdfBodyFont">Family embedded in the PDF for body text (see <see cref="PdfFonts"/>).</param>
/// <param name="PdfHeadingFont">Family embedded in the PDF for the name and section headings.</param>
/// <param name="UppercaseHeadings">Section headings in capitals (Word: the Caps property, so the text stays "Summary").</param>
/// <param name="RuleUnderHeadings">A thin accent line under each section heading.</param>
/// <param name="RuleUnderName">A thick accent line under the candidate's name.</param>
/// <param name="SkillSeparator">Between skills on the one skills line.</param>
/// <param name="NameHalfPoints">The candidate's name size in half-points.</param>
/// <param name="HeadingHalfPoints">Section heading size in half-points.</param>
/// <param name="SkillsHalfPoints">Skills line size in half-points (Word's unit); body text is 22 (11 pt).</param>
internal sealed record ResumeTheme(
    string Template,
    string WordBodyFont,
    string WordHeadingFont,
    string PdfBodyFont,
    string PdfHeadingFont,
    string Accent,
    int NameHalfPoints,
    int HeadingHalfPoints,
    string NameColour,
    string HeadlineColour,
    string Muted,
    bool UppercaseHeadings,
    bool RuleUnderHeadings,
    bool RuleUnderName,
    string SkillSeparator,
    int SkillsHalfPoints)
{
    public const string LinkColour = "0563C1";

    // Calibri is what Word shipped as its default for years; Liberation Sans is the closest shape
    // we may embed (Calibri's licence forbids shipping it).
    public static readonly ResumeTheme Classic = new(
        ResumeTemplates.Classic,
        WordBodyFont: "Calibri",
        WordHeadingFont: "Calibri",
        PdfBodyFont: PdfFonts.Sans,
        PdfHeadingFont: PdfFonts.Sans,
        Accent: "1F3864",
        NameHalfPoints: 44,
        HeadingHalfPoints: 26,
        NameColour: "1F3864",
        HeadlineColour: "404040",
        Muted: "595959",
        UppercaseHeadings: true,
        RuleUnderHeadings: true,
        RuleUnderName: false,
        SkillSeparator: ", ",
        SkillsHalfPoints: 22);

    // Arial is metric-identical to the embedded Liberation Sans, so modern PDFs break lines where
    // Word would; Georgia has no free twin, Liberation Serif stands in for it in the PDF.
    public static readonly ResumeTheme Modern = new(
        ResumeTemplates.Modern,
        WordBodyFont: "Arial",
        WordHeadingFont: "Georgia",
        PdfBodyFont: PdfFonts.Sans,
        PdfHeadingFont: PdfFonts.Serif,
        Accent: "0F6E6E",
        NameHalfPoints: 48,
        HeadingHalfPoints: 28,
        NameColour: "1F2933",
        HeadlineColour: "0F6E6E",
        Muted: "5F6B73",
        UppercaseHeadings: false,
        RuleUnderHeadings: false,
        RuleUnderName: true,
        SkillSeparator: " · ",
        SkillsHalfPoints: 20);

    public static ResumeTheme For(string template) => template switch
    {
        ResumeTemplates.Classic => Classic,
        ResumeTemplates.Modern => Modern,
        _ => throw new UnsupportedTemplateException(template),
    };
}
