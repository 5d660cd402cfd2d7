namespace ResumeAspire.Core.Domain;

/// <summary>
/// The looks a resume can be rendered in. Every template keeps the same single-column, text-first
/// structure (so ATS parsing does not depend on the choice); only fonts, colours and rules differ.
/// </summary>
public static class ResumeTemplates
{
    /// <summary>Calibri, navy capitalised headings with a rule under each.</summary>
    public const string Classic = "classic";

    /// <summary>Serif name and headings on a sans body, teal accents, a rule under the name, a compact skills line.</summary>
    public const string Modern = "modern";

    /// <summary>Used when a request names no template; the look documents had before templates existed.</summary>
    public const string Default = Classic;

    /// <summary>Templates a job may ask for; anything else is rejected with a 400.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { Classic, Modern };
}
