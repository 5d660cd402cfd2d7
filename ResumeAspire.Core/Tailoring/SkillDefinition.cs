namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// A lexicon entry. Aliases are matched on normalised tokens; an alias written with a leading
/// <c>=</c> matches only with exactly that casing (so "Go" the language is not the verb "go").
/// The name itself is an alias too, case-insensitive unless it is also listed with <c>=</c>.
/// </summary>
internal sealed record SkillDefinition(string Name, SkillCategory Category, IReadOnlyList<string> Aliases)
{
    public const char ExactCaseMarker = '=';

    public IEnumerable<string> AllForms()
    {
        var exactName = ExactCaseMarker + Name;
        if (!Aliases.Contains(exactName, StringComparer.Ordinal))
        {
            yield return Name;
        }

        foreach (var alias in Aliases)
        {
            yield return alias;
        }
    }
}
