using System.Globalization;
using System.Text.RegularExpressions;

namespace ResumeAspire.UnitTests;

/// <summary>poppler-utils read a PDF the way an ATS or a reader's viewer would: text, page count, info, fonts.</summary>
internal static partial class Poppler
{
    private const string Package = "poppler-utils";

    /// <summary>The text, in reading order, with runs of whitespace folded to one space for comparisons.</summary>
    public static string Text(string pdfPath) =>
        Whitespace().Replace(ExternalTool.Output("pdftotext", Package, "-enc", "UTF-8", pdfPath, "-"), " ").Trim();

    /// <summary>The text's non-empty lines, trimmed: a heading is a line of its own.</summary>
    public static IReadOnlyList<string> Lines(string pdfPath) =>
        [.. ExternalTool.Output("pdftotext", Package, "-enc", "UTF-8", pdfPath, "-")
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)];

    /// <summary>pdfinfo's "Key: value" lines.</summary>
    public static IReadOnlyDictionary<string, string> Info(string pdfPath) =>
        ExternalTool.Output("pdfinfo", Package, "-enc", "UTF-8", pdfPath)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());

    public static int Pages(string pdfPath) => int.Parse(Info(pdfPath)["Pages"], CultureInfo.InvariantCulture);

    /// <summary>pdffonts' rows as (font name, embedded?). Names contain spaces, so columns are cut where the dashed rule under the header says.</summary>
    public static IReadOnlyList<(string Name, bool Embedded)> Fonts(string pdfPath)
    {
        var rows = ExternalTool.Output("pdffonts", Package, pdfPath).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0];
        var nameWidth = rows[1].IndexOf(' ', StringComparison.Ordinal);
        var emb = header.IndexOf(" emb ", StringComparison.Ordinal) + 1;
        return [.. rows.Skip(2).Select(row => (row[..nameWidth].Trim(), row.Substring(emb, 3) == "yes"))];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
