using System.Globalization;
using System.Text;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// Greedy line breaking at spaces, the way a word processor fills a line. A word wider than the
/// whole line (a URL, a long hyphen-less token) is cut between characters rather than drawn past
/// the margin. The input is single-spaced already (<see cref="DocumentText"/>).
/// </summary>
internal static class PdfTextWrapper
{
    public static IReadOnlyList<string> Wrap(string text, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var piece in Pieces(word, width, measure))
            {
                if (line.Length > 0 && measure($"{line} {piece}") <= width)
                {
                    line.Append(' ').Append(piece);
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                line.Append(piece);
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>The word itself, or slices of it that each fit; cut between text elements so an accent or a surrogate pair stays whole.</summary>
    private static IEnumerable<string> Pieces(string word, double width, Func<string, double> measure)
    {
        if (measure(word) <= width)
        {
            yield return word;
            yield break;
        }

        var piece = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(word);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (piece.Length > 0 && measure(piece + element) > width)
            {
                yield return piece.ToString();
                piece.Clear();
            }

            piece.Append(element);
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }
}
