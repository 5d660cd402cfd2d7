using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ResumeAspire.Core.Rendering;

/// <summary>
/// "Jane_Doe_JOB-001.docx": accents folded ("José" → "Jose"), then ASCII letters, digits, dot and
/// hyphen only, so the name survives every file system and a plain Content-Disposition header.
/// </summary>
internal static partial class ResumeFileName
{
    private const int MaxPartLength = 60;

    public static string For(string? candidateName, string? jobRef, string extension) =>
        $"{Part(candidateName, "Resume")}_{Part(jobRef, "Job")}.{extension}";

    private static string Part(string? value, string fallback)
    {
        var folded = new string((value ?? "").Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
        var safe = Unsafe().Replace(folded, "_").Trim('_', '.', '-');
        if (safe.Length > MaxPartLength)
        {
            safe = safe[..MaxPartLength].TrimEnd('_', '.', '-');
        }

        return safe.Length == 0 ? fallback : safe;
    }

    [GeneratedRegex(@"[^A-Za-z0-9.-]+")]
    private static partial Regex Unsafe();
}
