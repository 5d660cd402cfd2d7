using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// The skills a candidate can show, read with the same lexicon as the job description: per
/// listed skill, per experience bullet, and in the headline and role titles, each widened by
/// what it implies. Skills the lexicon
/// does not know ("Umbraco") are added as terms of their own, so a job asking for them still matches.
/// </summary>
internal sealed class CandidateSkills
{
    private CandidateSkills(TermIndex index, IReadOnlyList<HashSet<string>> perSkill, IReadOnlyList<IReadOnlyList<HashSet<string>>> perBullet, HashSet<string> all)
    {
        Index = index;
        PerSkill = perSkill;
        PerBullet = perBullet;
        All = all;
    }

    /// <summary>The lexicon plus the candidate's own unknown skills.</summary>
    public TermIndex Index { get; }

    /// <summary>Canonical names found in each of <see cref="CandidateProfile.Skills"/>, by position.</summary>
    public IReadOnlyList<HashSet<string>> PerSkill { get; }

    /// <summary>Canonical names found in each bullet, by role and bullet position.</summary>
    public IReadOnlyList<IReadOnlyList<HashSet<string>>> PerBullet { get; }

    /// <summary>Everything the candidate shows: skills, bullets, headline and role titles.</summary>
    public HashSet<string> All { get; }

    public static CandidateSkills Read(CandidateProfile candidate)
    {
        // Each listed skill is tokenized once, for the own-term check and for the lookup.
        var skillTokens = candidate.Skills.Select(TextNormalizer.Tokenize).ToList();
        var index = SkillLexicon.Index.With(skillTokens.Select(OwnTerm).OfType<SkillDefinition>());
        var perSkill = skillTokens.Select(tokens => Find(index, tokens)).ToList();
        var perBullet = candidate.Experience.Select(e => (IReadOnlyList<HashSet<string>>)e.Bullets.Select(b => Find(index, b)).ToList()).ToList();

        var all = new HashSet<string>(StringComparer.Ordinal);
        all.UnionWith(perSkill.SelectMany(s => s));
        all.UnionWith(perBullet.SelectMany(r => r).SelectMany(b => b));
        all.UnionWith(Find(index, candidate.Headline));
        all.UnionWith(candidate.Experience.SelectMany(e => Find(index, e.Title)));
        return new CandidateSkills(index, perSkill, perBullet, all);
    }

    /// <summary>The skills named in the text, with what they imply (see <see cref="SkillImplications"/>).</summary>
    public static HashSet<string> Find(TermIndex index, string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Find(index, TextNormalizer.Tokenize(text));

    private static HashSet<string> Find(TermIndex index, IReadOnlyList<Token> tokens) =>
        tokens.Count == 0 ? [] : SkillImplications.Close(index.FindAll(tokens).Select(m => m.Skill.Name));

    // A listed skill the lexicon cannot read becomes a term of its own, minus filler around it
    // ("Experience with Umbraco" -> "Umbraco"); phrases too long to be a skill name are left out.
    private static SkillDefinition? OwnTerm(IReadOnlyList<Token> tokens)
    {
        if (SkillLexicon.Index.FindAll(tokens).Any())
        {
            return null;
        }

        var start = 0;
        var end = tokens.Count;
        while (start < end && StopWords.Contains(tokens[start].Key))
        {
            start++;
        }

        while (end > start && StopWords.Contains(tokens[end - 1].Key))
        {
            end--;
        }

        var core = tokens.Skip(start).Take(end - start).ToList();
        if (core.Count is 0 or > TermIndex.MaxPhraseTokens || core.All(t => t.Key.All(char.IsDigit)) || (core.Count == 1 && core[0].Key.Length < 2))
        {
            return null;
        }

        return new SkillDefinition(string.Join(' ', core.Select(t => t.Original)), SkillCategory.Other, []);
    }
}
