using DocumentFormat.OpenXml.Wordprocessing;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// The paragraph styles the resume uses, under Word's built-in names ("heading 1", "List Bullet")
/// so Word's navigation pane, screen readers, ATS parsers and python-docx recognise them. Every
/// template defines the same style ids; only fonts, colours, sizes and rules differ.
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
    public const string Skills = "Skills";

    private const string BodyHalfPoints = "22";

    public static Styles Create(ResumeTheme theme) => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                Fonts(theme.WordBodyFont),
                new FontSize { Val = BodyHalfPoints },
                new FontSizeComplexScript { Val = BodyHalfPoints },
                new Languages { Val = "en-US" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "80", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
        Paragraph(Normal, "Normal", isDefault: true),
        Paragraph(Title, "Title", paragraph: TitleParagraph(theme), run: TitleRun(theme)),
        Paragraph(Subtitle, "Subtitle",
            run: new StyleRunProperties(new Color { Val = theme.HeadlineColour }, Size("26"), SizeComplexScript("26"))),
        Paragraph(Heading1, "heading 1", paragraph: Heading1Paragraph(theme), run: Heading1Run(theme)),
        Paragraph(Heading2, "heading 2",
            paragraph: new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "160", After = "0" }, new OutlineLevel { Val = 1 }),
            run: new StyleRunProperties(new Bold(), Size("23"), SizeComplexScript("23"))),
        Paragraph(RoleDates, "Role Dates",
            paragraph: new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { After = "40" }),
            run: new StyleRunProperties(new Italic(), new Color { Val = theme.Muted })),
        Paragraph(ListBullet, "List Bullet",
            paragraph: new StyleParagraphProperties(new SpacingBetweenLines { After = "40" }, new Indentation { Left = "360", Hanging = "360" })),
        Paragraph(Skills, "Skills",
            run: new StyleRunProperties(Size(Half(theme.SkillsHalfPoints)), SizeComplexScript(Half(theme.SkillsHalfPoints)))),
        Character(Hyperlink, "Hyperlink", new StyleRunProperties(new Color { Val = ResumeTheme.LinkColour }, new Underline { Val = UnderlineValues.Single })));

    // Classic: bold navy name, nothing under it. Modern: the heading font and a thick accent rule
    // under the name, which is the one decoration the template allows itself.
    private static StyleParagraphProperties TitleParagraph(ResumeTheme theme) => theme.RuleUnderName
        ? new StyleParagraphProperties(
            new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18U, Space = 4U, Color = theme.Accent }),
            new SpacingBetweenLines { After = "120" })
        : new StyleParagraphProperties(new SpacingBetweenLines { After = "40" });

    private static StyleRunProperties TitleRun(ResumeTheme theme)
    {
        var size = Half(theme.NameHalfPoints);
        var properties = new StyleRunProperties();
        if (theme.WordHeadingFont != theme.WordBodyFont)
        {
            properties.Append(Fonts(theme.WordHeadingFont));
        }

        properties.Append(new Bold(), new Color { Val = theme.NameColour }, Size(size), SizeComplexScript(size));
        return properties;
    }

    private static StyleParagraphProperties Heading1Paragraph(ResumeTheme theme)
    {
        var properties = new StyleParagraphProperties(new KeepNext());
        if (theme.RuleUnderHeadings)
        {
            properties.Append(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 4U, Space = 1U, Color = theme.Accent }));
        }

        // Without a rule to separate sections, a little more air above the heading does it instead.
        properties.Append(new SpacingBetweenLines { Before = theme.RuleUnderHeadings ? "240" : "280", After = theme.RuleUnderHeadings ? "80" : "60" }, new OutlineLevel { Val = 0 });
        return properties;
    }

    private static StyleRunProperties Heading1Run(ResumeTheme theme)
    {
        var properties = new StyleRunProperties();
        if (theme.WordHeadingFont != theme.WordBodyFont)
        {
            properties.Append(Fonts(theme.WordHeadingFont));
        }

        properties.Append(new Bold());
        if (theme.UppercaseHeadings)
        {
            // Caps is formatting: the paragraph's text stays "Summary", which is what parsers and the tests read.
            properties.Append(new Caps());
        }

        var size = Half(theme.HeadingHalfPoints);
        properties.Append(new Color { Val = theme.Accent }, Size(size), SizeComplexScript(size));
        return properties;
    }

    private static RunFonts Fonts(string font) => new() { Ascii = font, HighAnsi = font, ComplexScript = font, EastAsia = font };

    private static FontSize Size(string halfPoints) => new() { Val = halfPoints };

    private static FontSizeComplexScript SizeComplexScript(string halfPoints) => new() { Val = halfPoints };

    private static string Half(int halfPoints) => halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
