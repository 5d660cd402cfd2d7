using System.Globalization;
using System.Text.RegularExpressions;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// Writes the two or three summary sentences from the candidate's own facts only: headline,
/// the year of the earliest role and the most recent one, the job's keywords the candidate
/// already shows, and the first sentence of their own summary. No clock is read: "since 2016"
/// stays true and the same input keeps giving the same text.
/// </summary>
internal static partial class TargetedSummary
{
    private const int MaxSkillsNamed = 5;

    public static string Write(CandidateProfile candidate, IReadOnlyList<string> matchedKeywords)
    {
        var sentences = new List<string>();
        if (Opening(candidate) is { } opening)
        {
            sentences.Add(opening);
        }

        if (matchedKeywords.Count > 0)
        {
            sentences.Add($"Skills relevant to this role include {JoinList(matchedKeywords.Take(MaxSkillsNamed).ToList())}.");
        }

        if (FirstSentence(candidate.Summary) is { } own)
        {
            sentences.Add(own);
        }

        return string.Join(' ', sentences);
    }

    private static string? Opening(CandidateProfile candidate)
    {
        var headline = Clean(candidate.Headline)?.TrimEnd('.', ' ');
        var roles = candidate.Experience;
        var latest = roles
            .Select((role, index) => (role, index, year: FirstYear(role.StartDate)))
            .OrderByDescending(r => r.year ?? int.MinValue).ThenBy(r => r.index)
            .Select(r => r.role)
            .FirstOrDefault();

        var subject = headline ?? Clean(latest?.Title);
        if (subject is null)
        {
            return null;
        }

        var text = subject;
        if (roles.Select(r => FirstYear(r.StartDate)).Where(y => y is not null).Min() is { } since)
        {
            text += $" with experience since {since.ToString(CultureInfo.InvariantCulture)}";
        }

        if (roles.Count > 1)
        {
            text += $" across {roles.Count.ToString(CultureInfo.InvariantCulture)} roles";
        }

        if (latest is not null && Clean(latest.Company) is { } company)
        {
            var title = Clean(latest.Title);
            var titleAddsNothing = title is null || string.Equals(title, subject, StringComparison.OrdinalIgnoreCase);
            text += titleAddsNothing ? $", most recently at {company}" : $", most recently {title} at {company}";
        }

        return text + ".";
    }

    private static string? FirstSentence(string? text)
    {
        var cleaned = Clean(text);
        if (cleaned is null)
        {
            return null;
        }

        var first = SentenceEnd().Split(cleaned)[0].Trim();
        return first.EndsWith('.') || first.EndsWith('!') || first.EndsWith('?') ? first : first + ".";
    }

    private static int? FirstYear(string? date) =>
        date is not null && Year().Match(date) is { Success: true } m ? int.Parse(m.Value, CultureInfo.InvariantCulture) : null;

    private static string JoinList(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
