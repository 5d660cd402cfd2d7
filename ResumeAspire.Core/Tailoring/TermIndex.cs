namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// Finds known skills in a token stream: every alias is a phrase of one to four tokens (four for
/// "end-to-end testing"), and at each position the longest phrase wins, so "SQL Server" is not
/// also "SQL" and "React Native" is not also "React".
/// </summary>
internal sealed class TermIndex
{
    public const int MaxPhraseTokens = 4;

    // Longer phrase keys are looked up through string.Join; no alias comes near this.
    private const int MaxStackKeyLength = 256;

    private readonly Dictionary<string, List<Alias>> aliases;
    private readonly Dictionary<string, List<Alias>>.AlternateLookup<ReadOnlySpan<char>> aliasesBySpan;

    // The longest alias, in tokens, that starts with each first-token key. Most words of a posting
    // start no alias at all; this lets FindAll skip them without building a single phrase key.
    private readonly Dictionary<string, int> longestFrom;

    // An index made by With answers from its own few additions first, then from the index it
    // extends, so a candidate with unknown skills does not copy the whole lexicon per job.
    private readonly TermIndex? extends;

    private TermIndex(TermIndex? extends)
    {
        aliases = new Dictionary<string, List<Alias>>(StringComparer.Ordinal);
        aliasesBySpan = aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        longestFrom = new Dictionary<string, int>(StringComparer.Ordinal);
        this.extends = extends;
    }

    /// <summary>Builds the index; two skills claiming the same alias is a lexicon bug and throws.</summary>
    public static TermIndex Build(IEnumerable<SkillDefinition> skills)
    {
        var index = new TermIndex(extends: null);
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
            // mutated after start-up, so it is used as it is.
            return this;
        }

        var extended = new TermIndex(extends: this);
        foreach (var skill in additions)
        {
            foreach (var form in skill.AllForms())
            {
                extended.Add(skill, form, throwOnConflict: false);
            }
        }

        return extended;
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
            for (var length = Math.Min(LongestFrom(tokens[i].Key), tokens.Count - i); length >= 1 && !matched; length--)
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

    private int LongestFrom(string firstKey) =>
        Math.Max(longestFrom.GetValueOrDefault(firstKey), extends?.LongestFrom(firstKey) ?? 0);

    private bool TryMatchAt(IReadOnlyList<Token> tokens, int start, int length, out SkillDefinition skill)
    {
        skill = null!;
        if (!TryGetAliases(tokens, start, length, out var candidates))
        {
            return false;
        }

        foreach (var alias in candidates)
        {
            if (alias.ExactForm is null || IsWrittenAs(alias.ExactForm, tokens, start))
            {
                skill = alias.Skill;
                return true;
            }
        }

        return false;
    }

    // The phrase key is the token keys joined by single spaces, built on the stack: this runs for
    // every word of every posting and bullet, once per candidate phrase length.
    private bool TryGetAliases(IReadOnlyList<Token> tokens, int start, int length, out List<Alias> candidates)
    {
        if (length == 1)
        {
            return TryGetAliases(tokens[start].Key, out candidates);
        }

        var keyLength = length - 1;
        for (var i = start; i < start + length; i++)
        {
            keyLength += tokens[i].Key.Length;
        }

        if (keyLength > MaxStackKeyLength)
        {
            return TryGetAliases(string.Join(' ', Enumerable.Range(start, length).Select(i => tokens[i].Key)), out candidates);
        }

        Span<char> key = stackalloc char[keyLength];
        var at = 0;
        for (var i = start; i < start + length; i++)
        {
            if (i > start)
            {
                key[at++] = ' ';
            }

            tokens[i].Key.CopyTo(key[at..]);
            at += tokens[i].Key.Length;
        }

        return TryGetAliases(key, out candidates);
    }

    private bool TryGetAliases(ReadOnlySpan<char> key, out List<Alias> candidates)
    {
        if (aliasesBySpan.TryGetValue(key, out candidates!))
        {
            return true;
        }

        if (extends is not null)
        {
            return extends.TryGetAliases(key, out candidates);
        }

        return false;
    }

    private static bool IsWrittenAs(string[] exactForm, IReadOnlyList<Token> tokens, int start)
    {
        for (var i = 0; i < exactForm.Length; i++)
        {
            if (!string.Equals(exactForm[i], tokens[start + i].Original, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
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
            // An extending index starts the phrase from the aliases it extends, so the shared
            // lexicon's own list is never touched.
            list = extends is not null && extends.TryGetAliases(key, out var inherited) ? [.. inherited] : [];
        }

        if (list.Any(a => a.Skill.Name != skill.Name))
        {
            if (throwOnConflict)
            {
                throw new InvalidOperationException($"Alias '{form}' of '{skill.Name}' is already claimed by '{list[0].Skill.Name}'.");
            }

            return;
        }

        aliases[key] = list;
        list.Add(new Alias(skill, exact ? tokens.Select(t => t.Original).ToArray() : null));
        longestFrom[tokens[0].Key] = Math.Max(longestFrom.GetValueOrDefault(tokens[0].Key), tokens.Count);
    }

    private sealed record Alias(SkillDefinition Skill, string[]? ExactForm);
}
