using System.Globalization;
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
        foreach (Match match in Word().Matches(text))
        {
            tokens.Add(new Token(match.Value, KeyOf(match.Value)));
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
        var key = word.ToLower(CultureInfo.InvariantCulture);
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
            && key.All(char.IsLetter);
        return isPlural ? key[..^1] : key;
    }

    // A word may start with a dot (.NET), keeps inner dots and ampersands only between letters or
    // digits (Node.js, 3.11, R&D), and may end in # or + (C#, C++); a sentence's full stop is dropped.
    [GeneratedRegex(@"(?:\.(?=\p{L}))?[\p{L}\p{N}](?:[\p{L}\p{N}]|[.&](?=[\p{L}\p{N}]))*[#+]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
