namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// The phrases job descriptions use to say how much they want something, as headings
/// ("Requirements", "Nice to have", "Benefits") or inside a sentence ("… is a plus").
/// Phrases are compared on lower-case words separated by single spaces; a cue matches at the
/// start of a word, so "requirement" also finds "requirements".
/// </summary>
internal static class SectionCues
{
    private static readonly string[] PreferredHeading = AtWordStart(
    [
        "nice to have", "preferred", "bonus", "plus", "desirable", "desired", "good to have", "great to have", "ideally",
        "extra credit", "optional", "would be great", "even better", "stand out", "advantage",
    ]);

    private static readonly string[] RequiredHeading = AtWordStart(
    [
        "requirement", "required", "must have", "qualification", "what you ll need", "what you need", "what you bring",
        "what you ll bring", "looking for", "you have", "you bring", "you should have", "skills", "experience", "essential",
        "minimum", "basic", "about you", "who you are", "mandatory", "competenc",
    ]);

    private static readonly string[] ContextHeading = AtWordStart(
    [
        "about us", "about the company", "who we are", "benefits", "perks", "what we offer", "compensation", "salary",
        "equal opportunity", "why join", "why work", "our culture", "how to apply", "our mission", "our values", "life at",
    ]);

    private static readonly string[] GeneralHeading = AtWordStart(
    [
        "responsibilit", "what you ll do", "what you will do", "the role", "about the role", "about the job",
        "about the position", "day to day", "your impact", "what you ll work on", "the opportunity", "overview",
        "description", "duties", "tech stack", "our stack", "the team", "your mission", "summary",
    ]);

    private static readonly string[] PreferredInline = AtWordStart(
    [
        "nice to have", "a plus", "a bonus", "bonus point", "preferred", "desirable", "ideally", "good to have",
        "great to have", "would be great", "an advantage", "advantageous", "not required", "optional",
    ]);

    private static readonly string[] RequiredInline = AtWordStart(["must have", "must", "required", "mandatory", "essential", "need to have", "at least", "minimum"]);

    /// <summary>The section a heading opens, or null when the text is not a known heading.</summary>
    public static JobSection? OfHeading(string heading)
    {
        var text = Simplify(heading);
        if (HasAny(text, PreferredHeading))
        {
            return JobSection.Preferred;
        }

        if (HasAny(text, RequiredHeading))
        {
            return JobSection.Required;
        }

        if (HasAny(text, GeneralHeading))
        {
            return JobSection.General;
        }

        return HasAny(text, ContextHeading) || text.StartsWith(" about ", StringComparison.Ordinal) ? JobSection.Context : null;
    }

    /// <summary>The section a single sentence claims for itself ("Kafka is a plus"), or null.</summary>
    public static JobSection? OfSentence(string sentence)
    {
        var text = Simplify(sentence);
        if (HasAny(text, PreferredInline))
        {
            return JobSection.Preferred;
        }

        return HasAny(text, RequiredInline) ? JobSection.Required : null;
    }

    private static bool HasAny(string text, string[] cues)
    {
        foreach (var cue in cues)
        {
            if (text.Contains(cue, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // A cue matches at the start of a word: the lists hold each cue behind the space that
    // Simplify puts before every word, built once instead of per sentence.
    private static string[] AtWordStart(string[] cues) => [.. cues.Select(cue => " " + cue)];

    private static string Simplify(string text)
    {
        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length + 2] : new char[text.Length + 2];
        var length = 0;
        buffer[length++] = ' ';
        foreach (var c in text)
        {
            var next = char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ';
            if (next != ' ' || buffer[length - 1] != ' ')
            {
                buffer[length++] = next;
            }
        }

        buffer[length++] = ' ';
        return new string(buffer[..length]);
    }
}
