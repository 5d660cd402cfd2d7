using DocumentFormat.OpenXml.Wordprocessing;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// The paragraph styles the resume uses, under Word's built-in names ("heading 1", "List Bullet")
/// so Word's navigation pane, screen readers, ATS parsers and python-docx recognise them.
/// </summary>
internal static class WordStyles
{
    public const string Normal = "Normal";
    public const string Title = "Title";
    public const string Subtitle = "Subtitle";
    public const string Heading1 = "Heading1";
    public const string Heading2 = "Heading2";
    public const string ListBullet = "ListBullet";
    public const string RoleDates = "RoleDates";
    public const string Hyperlink = "Hyperlink";

    private const string Font = "Calibri";
    private const string Accent = "1F3864";

    public static Styles Create() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "22" },
                new FontSizeComplexScript { Val = "22" },
                new Languages { Val = "en-US" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "80", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
        Paragraph(Normal, "Normal", isDefault: true),
        Paragraph(Title, "Title",
            paragraph: new StyleParagraphProperties(new SpacingBetweenLines { After = "40" }),
            run: new StyleRunProperties(new Bold(), new Color { Val = Accent }, new FontSize { Val = "44" }, new FontSizeComplexScript { Val = "44" })),
        Paragraph(Subtitle, "Subtitle",
            run: new StyleRunProperties(new Color { Val = "404040" }, new FontSize { Val = "26" }, new FontSizeComplexScript { Val = "26" })),
        Paragraph(Heading1, "heading 1",
            paragraph: new StyleParagraphProperties(
                new KeepNext(),
                new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 4U, Space = 1U, Color = Accent }),
                new SpacingBetweenLines { Before = "240", After = "80" },
                new OutlineLevel { Val = 0 }),
            run: new StyleRunProperties(new Bold(), new Caps(), new Color { Val = Accent }, new FontSize { Val = "26" }, new FontSizeComplexScript { Val = "26" })),
        Paragraph(Heading2, "heading 2",
            paragraph: new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "160", After = "0" }, new OutlineLevel { Val = 1 }),
            run: new StyleRunProperties(new Bold(), new FontSize { Val = "23" }, new FontSizeComplexScript { Val = "23" })),
        Paragraph(RoleDates, "Role Dates",
            paragraph: new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { After = "40" }),
            run: new StyleRunProperties(new Italic(), new Color { Val = "595959" })),
        Paragraph(ListBullet, "List Bullet",
            paragraph: new StyleParagraphProperties(new SpacingBetweenLines { After = "40" }, new Indentation { Left = "360", Hanging = "360" })),
        Character(Hyperlink, "Hyperlink", new StyleRunProperties(new Color { Val = "0563C1" }, new Underline { Val = UnderlineValues.Single })));

    private static Style Paragraph(string id, string name, StyleParagraphProperties? paragraph = null, StyleRunProperties? run = null, bool isDefault = false)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }

        style.Append(new StyleName { Val = name });
        if (!isDefault)
        {
            style.Append(new BasedOn { Val = Normal }, new NextParagraphStyle { Val = Normal });
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

    private static Style Character(string id, string name, StyleRunProperties run) =>
        new(new StyleName { Val = name }, new UnhideWhenUsed(), run) { Type = StyleValues.Character, StyleId = id };
}
