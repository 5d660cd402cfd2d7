namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// The skills the offline tailor recognises, with their synonyms. Display names are the forms a
/// recruiter expects to read ("Kubernetes", "C#", "PostgreSQL"). Entries are split by field in
/// the partial files next to this one.
/// </summary>
internal static partial class SkillLexicon
{
    private static readonly Lazy<IReadOnlyList<SkillDefinition>> LazySkills = new(() =>
        [.. Languages(), .. Frameworks(), .. DataAndAnalytics(), .. CloudAndOperations(), .. Tools(), .. Practices(), .. SoftSkills(), .. HealthcareSkills(), .. SalesSkills(), .. BusinessSkills()]);

    private static readonly Lazy<TermIndex> LazyIndex = new(() => TermIndex.Build(LazySkills.Value));

    public static IReadOnlyList<SkillDefinition> Skills => LazySkills.Value;

    public static TermIndex Index => LazyIndex.Value;

    private static SkillDefinition S(string name, SkillCategory category, params string[] aliases) => new(name, category, aliases);
}
