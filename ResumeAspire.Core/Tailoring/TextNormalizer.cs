using System.Text.RegularExpressions;

namespace ResumeAspire.Core.Tailoring;

/// <summary>A word as written and the key it is matched by.</summary>
internal readonly record struct Token(string Original, string Key);

/// <summary>
/// Splits text into tokens that keep technology spellings whole (C#, C++, .NET, Node.js, R&amp;D)
/// while hyphens and slashes separate words, so "front-end", "CI/CD" and "scikit-learn" match
/// their spaced forms. Job descriptions and lexicon aliases go through the same code, which is
/// what makes them comparable.
/// </summary>
internal static partial class TextNormalizer
{
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        foreach (var match in Word().EnumerateMatches(text))
        {
            var word = text.Substring(match.Index, match.Length);
            tokens.Add(new Token(word, KeyOf(word)));
        }

        return tokens;
    }

    /// <summary>The lexicon key of a phrase: its token keys joined by single spaces.</summary>
    public static string PhraseKey(string phrase) => string.Join(' ', Tokenize(phrase).Select(t => t.Key));

    /// <summary>
    /// Lower case, and a plain trailing plural "s" dropped so "APIs", "microservices" and "test cases"
    /// meet their singular forms. The same rule runs on both sides, so a wrong singular
    /// ("kubernete") is harmless.
    /// </summary>
    private static string KeyOf(string word)
    {
        // Lowered on the stack: most words of a posting are already their own key, and then the
        // word itself is returned instead of a copy.
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        word.AsSpan().ToLowerInvariant(buffer);
        ReadOnlySpan<char> key = buffer;
        if (key.Length > 1 && key[^1] == '+' && char.IsDigit(key[^2]))
        {
            // "ES6+", "Java 17+": a version floor, not part of the name (unlike C++).
            key = key[..^1];
        }

        var isPlural = key.Length >= 4
            && key[^1] == 's'
            && !key.EndsWith("ss", StringComparison.Ordinal)
            && !key.EndsWith("us", StringComparison.Ordinal)
            && !key.EndsWith("is", StringComparison.Ordinal)
            && IsAllLetters(key);
        if (isPlural)
        {
            key = key[..^1];
        }

        return key.SequenceEqual(word) ? word : new string(key);
    }

    private static bool IsAllLetters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    // A word may start with a dot (.NET), keeps inner dots and ampersands only between letters or
    // digits (Node.js, 3.11, R&D), and may end in # or + (C#, C++); a sentence's full stop is dropped.
    [GeneratedRegex(@"(?:\.(?=\p{L}))?[\p{L}\p{N}](?:[\p{L}\p{N}]|[.&](?=[\p{L}\p{N}]))*[#+]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
