namespace ResumeAspire.Core.Rendering;

/// <summary>
/// One paragraph of the PDF before it is broken into lines. <paramref name="Link"/> covers the
/// first <paramref name="LinkLength"/> characters (the email at the start of the contact line).
/// </summary>
internal sealed record PdfBlock(PdfRole Role, string Text, Uri? Link = null, int LinkLength = 0)
{
    /// <summary>The resume in reading order, in the same sequence of paragraphs as the Word document.</summary>
    public static IReadOnlyList<PdfBlock> From(ResumeOutline outline, ResumeTheme theme)
    {
        var blocks = new List<PdfBlock> { new(PdfRole.Name, outline.Name) };
        AddIfPresent(blocks, PdfRole.Headline, outline.Headline);
        if (outline.ContactParts.Count > 0)
        {
            var contact = string.Join(ResumeOutline.ContactSeparator, outline.ContactParts);
            blocks.Add(outline.EmailLink is { } link
                ? new PdfBlock(PdfRole.Contact, contact, link, outline.Email.Length)
                : new PdfBlock(PdfRole.Contact, contact));
        }

        if (outline.Summary.Length > 0)
        {
            blocks.Add(new(PdfRole.Heading, ResumeOutline.SummaryHeading));
            blocks.Add(new(PdfRole.Body, outline.Summary));
        }

        if (outline.Skills.Count > 0)
        {
            blocks.Add(new(PdfRole.Heading, ResumeOutline.SkillsHeading));
            blocks.Add(new(PdfRole.Skills, string.Join(theme.SkillSeparator, outline.Skills)));
        }

        if (outline.Roles.Count > 0)
        {
            blocks.Add(new(PdfRole.Heading, ResumeOutline.ExperienceHeading));
            foreach (var role in outline.Roles)
            {
                AddIfPresent(blocks, PdfRole.RoleHeading, role.Heading);
                AddIfPresent(blocks, PdfRole.RoleDates, role.Dates);
                blocks.AddRange(role.Bullets.Select(b => new PdfBlock(PdfRole.Bullet, b)));
            }
        }

        if (outline.Education.Count > 0)
        {
            blocks.Add(new(PdfRole.Heading, ResumeOutline.EducationHeading));
            blocks.AddRange(outline.Education.Select(e => new PdfBlock(PdfRole.Body, e)));
        }

        return blocks;
    }

    private static void AddIfPresent(List<PdfBlock> blocks, PdfRole role, string text)
    {
        if (text.Length > 0)
        {
            blocks.Add(new PdfBlock(role, text));
        }
    }
}
