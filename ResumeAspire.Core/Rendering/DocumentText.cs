using System.Text;
using System.Text.RegularExpressions;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// Makes user text safe for every output format: characters XML 1.0 forbids (control characters,
/// lone surrogates) would make saving a .docx throw, and line breaks or tabs are shown neither in a
/// Word run nor in a PDF line, so they become single spaces. Leading and trailing spaces are kept:
/// a separator needs them.
/// </summary>
internal static partial class DocumentText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\r' or '\n')
            {
                builder.Append(' ');
            }
            else if (!char.IsSurrogate(c) && c >= ' ' && c is not ('\uFFFE' or '\uFFFF'))
            {
                builder.Append(c);
            }
        }

        return RepeatedSpaces().Replace(builder.ToString(), " ");
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex RepeatedSpaces();
}
