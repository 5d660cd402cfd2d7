using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// What a resume says, cleaned and joined once, independent of the output format: the Word and the
/// PDF renderer both draw from it, so the two files can never disagree on content. Empty parts are
/// already dropped; a section with nothing in it is simply absent.
/// </summary>
internal sealed record ResumeOutline(
    string Name,
    string Headline,
    string Email,
    Uri? EmailLink,
    IReadOnlyList<string> ContactDetails,
    string Summary,
    IReadOnlyList<string> Skills,
    IReadOnlyList<RoleOutline> Roles,
    IReadOnlyList<string> Education,
    string JobRef,
    IReadOnlyList<string> Keywords)
{
    public const string SummaryHeading = "Summary";
    public const string SkillsHeading = "Skills";
    public const string ExperienceHeading = "Experience";
    public const string EducationHeading = "Education";

    /// <summary>Between the parts of the contact line, in every template.</summary>
    public const string ContactSeparator = " | ";

    public string Title => $"{Name} — Resume for {JobRef}";

    /// <summary>The email first (the link), then phone and location; empty when there is nothing to say.</summary>
    public IReadOnlyList<string> ContactParts => Email.Length > 0 ? [Email, .. ContactDetails] : ContactDetails;

    public static ResumeOutline From(TailoredResume resume)
    {
        ArgumentNullException.ThrowIfNull(resume);
        var candidate = resume.Candidate;
        var email = Clean(candidate.Email);
        return new ResumeOutline(
            Name: Clean(candidate.FullName),
            Headline: Clean(candidate.Headline),
            Email: email,
            // Only a syntactically valid address becomes a link; anything else is still shown as text.
            EmailLink: email.Length > 0 && Uri.TryCreate("mailto:" + email, UriKind.Absolute, out var mailto) ? mailto : null,
            ContactDetails: NonEmpty(candidate.Phone, candidate.Location),
            Summary: Clean(resume.Summary),
            Skills: NonEmpty([.. resume.Skills]),
            Roles: [.. resume.Experience.Select(RoleOutline.From)],
            Education: NonEmpty([.. resume.Education.Select(EducationLine)]),
            JobRef: Clean(resume.JobRef),
            Keywords: NonEmpty([.. resume.Match.Matched]));
    }

    private static string EducationLine(Domain.EducationEntry school)
    {
        var line = string.Join(", ", NonEmpty(school.Degree, school.School));
        var year = Clean(school.Year);
        return year.Length == 0 ? line : $"{line} ({year})";
    }

    internal static string Clean(string? text) => DocumentText.Clean(text).Trim();

    internal static IReadOnlyList<string> NonEmpty(params string?[] values) => [.. values.Select(Clean).Where(v => v.Length > 0)];
}

/// <summary>One job: "Title — Company", "start – end", and the tailored bullets in their order.</summary>
internal sealed record RoleOutline(string Heading, string Dates, IReadOnlyList<string> Bullets)
{
    /// <summary>Shown for a role with a start and no end date: the profile's way of saying "current job".</summary>
    public const string Ongoing = "Present";

    public static RoleOutline From(TailoredExperience role)
    {
        var start = ResumeOutline.Clean(role.StartDate);
        var end = ResumeOutline.Clean(role.EndDate);
        // "2020-03" alone reads as a one-month job to a recruiter; "2020-03 – Present" says what the profile means.
        var dates = (start.Length > 0, end.Length > 0) switch
        {
            (true, true) => $"{start} – {end}",
            (true, false) => $"{start} – {Ongoing}",
            _ => end,
        };
        return new RoleOutline(string.Join(" — ", ResumeOutline.NonEmpty(role.Title, role.Company)), dates, ResumeOutline.NonEmpty([.. role.Bullets]));
    }
}
