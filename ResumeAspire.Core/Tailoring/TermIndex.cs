namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// Finds known skills in a token stream: every alias is a phrase of one to four tokens (four for
/// "end-to-end testing"), and at each position the longest phrase wins, so "SQL Server" is not
/// also "SQL" and "React Native" is not also "React".
/// </summary>
internal sealed class TermIndex
{
    public const int MaxPhraseTokens = 4;

    private readonly Dictionary<string, List<Alias>> aliases;

    private TermIndex(Dictionary<string, List<Alias>> aliases) => this.aliases = aliases;

    /// <summary>Builds the index; two skills claiming the same alias is a lexicon bug and throws.</summary>
    public static TermIndex Build(IEnumerable<SkillDefinition> skills)
    {
        var index = new TermIndex(new Dictionary<string, List<Alias>>(StringComparer.Ordinal));
        foreach (var skill in skills)
        {
            foreach (var form in skill.AllForms())
            {
                index.Add(skill, form, throwOnConflict: true);
            }
        }

        return index;
    }

    /// <summary>This index plus extra skills whose phrases the lexicon does not already claim.</summary>
    public TermIndex With(IEnumerable<SkillDefinition> extra)
    {
        var additions = extra.ToList();
        if (additions.Count == 0)
        {
            // The common case (every listed skill is in the lexicon): the shared index is never
            // mutated after start-up, so copying it per job would only cost allocations.
            return this;
        }

        var copy = new TermIndex(aliases.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal));
        foreach (var skill in additions)
        {
            foreach (var form in skill.AllForms())
            {
                copy.Add(skill, form, throwOnConflict: false);
            }
        }

        return copy;
    }

    /// <summary>The skill whose phrase is exactly this text, if any (e.g. a candidate's skill "k8s").</summary>
    public SkillDefinition? Lookup(string phrase)
    {
        var tokens = TextNormalizer.Tokenize(phrase);
        return tokens.Count is > 0 and <= MaxPhraseTokens && TryMatchAt(tokens, 0, tokens.Count, out var skill) ? skill : null;
    }

    /// <summary>Every skill named in the tokens, in order, with the index of its first token.</summary>
    public IEnumerable<(SkillDefinition Skill, int Position)> FindAll(IReadOnlyList<Token> tokens)
    {
        var i = 0;
        while (i < tokens.Count)
        {
            var matched = false;
            for (var length = Math.Min(MaxPhraseTokens, tokens.Count - i); length >= 1 && !matched; length--)
            {
                if (TryMatchAt(tokens, i, length, out var skill))
                {
                    yield return (skill, i);
                    i += length;
                    matched = true;
                }
            }

            if (!matched)
            {
                i++;
            }
        }
    }

    private bool TryMatchAt(IReadOnlyList<Token> tokens, int start, int length, out SkillDefinition skill)
    {
        skill = null!;
        var key = string.Join(' ', Enumerable.Range(start, length).Select(i => tokens[i].Key));
        if (!aliases.TryGetValue(key, out var candidates))
        {
            return false;
        }

        foreach (var alias in candidates)
        {
            if (alias.ExactForm is null || alias.ExactForm.SequenceEqual(Enumerable.Range(start, length).Select(i => tokens[i].Original), StringComparer.Ordinal))
            {
                skill = alias.Skill;
                return true;
            }
        }

        return false;
    }

    private void Add(SkillDefinition skill, string form, bool throwOnConflict)
    {
        var exact = form.StartsWith(SkillDefinition.ExactCaseMarker);
        var text = exact ? form[1..] : form;
        var tokens = TextNormalizer.Tokenize(text);
        if (tokens.Count is 0 or > MaxPhraseTokens)
        {
            throw new InvalidOperationException($"Alias '{form}' of '{skill.Name}' must be one to {MaxPhraseTokens} words.");
        }

        var key = string.Join(' ', tokens.Select(t => t.Key));
        if (!aliases.TryGetValue(key, out var list))
        {
            aliases[key] = list = [];
        }
        else if (list.Any(a => a.Skill.Name != skill.Name))
        {
            if (throwOnConflict)
            {
                throw new InvalidOperationException($"Alias '{form}' of '{skill.Name}' is already claimed by '{list[0].Skill.Name}'.");
            }

            return;
        }

        list.Add(new Alias(skill, exact ? tokens.Select(t => t.Original).ToArray() : null));
    }

    private sealed record Alias(SkillDefinition Skill, string[]? ExactForm);
}
