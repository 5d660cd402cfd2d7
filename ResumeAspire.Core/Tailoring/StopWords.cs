namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// Filler that surrounds a skill in free text ("Experience with Docker", "Strong SQL skills").
/// Stripped from the edges of a candidate's own skill phrases the lexicon does not know, so
/// the phrase can still be found in a job description.
/// </summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(new[]
    {
        "a", "about", "advanced", "an", "and", "any", "are", "as", "at", "basic", "be", "by", "deep", "excellent",
        "experience", "experienced", "expert", "expertise", "familiar", "familiarity", "for", "from", "good", "great",
        "hands", "have", "in", "including", "intermediate", "is", "it", "knowledge", "level", "of", "on", "or",
        "other", "our", "proficiency", "proficient", "related", "skill", "solid", "strong", "the", "to", "understanding",
        "using", "various", "very", "we", "will", "with", "working", "years", "you", "your",
    }.Select(TextNormalizer.PhraseKey), StringComparer.Ordinal);

    /// <summary>Whether the token key (lower case, singular) is filler.</summary>
    public static bool Contains(string key) => Words.Contains(key);
}
