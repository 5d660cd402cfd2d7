using System.Text.RegularExpressions;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// Checks a model's answer against the candidate's own data before anything of it is used: every
/// role, bullet and skill must point at something the candidate gave, and the free text may name
/// no skill the candidate does not show and no number (a year, a date, a metric) that is not
/// written in the candidate's data. One invented fact rejects the whole answer: a resume that is
/// partly made up cannot be sent.
/// </summary>
internal static partial class LlmAnswerValidator
{
    private const int MaxSummaryLength = 1_500;
    private const int MaxBulletLength = 500;

    /// <summary>Why the answer cannot be used, or null when it can.</summary>
    public static string? FindProblem(CandidateProfile candidate, LlmTailoring answer)
    {
        var shown = CandidateSkills.Read(candidate);
        if (string.IsNullOrWhiteSpace(answer.Summary))
        {
            return "the summary is empty";
        }

        if (answer.Summary.Length > MaxSummaryLength)
        {
            return "the summary is too long";
        }

        if (UnshownSkill(shown, answer.Summary) is { } summarySkill)
        {
            return $"the summary claims the skill '{summarySkill}', which the candidate does not show";
        }

        if (NewNumber(answer.Summary, Numbers(AllText(candidate))) is { } summaryNumber)
        {
            return $"the summary states '{summaryNumber}', which is not in the candidate's data";
        }

        var listed = candidate.Skills.Select(Key).ToHashSet(StringComparer.Ordinal);
        if (answer.Skills.FirstOrDefault(s => !listed.Contains(Key(s))) is { } unknownSkill)
        {
            return $"the skill '{unknownSkill}' is not one of the candidate's skills";
        }

        var roles = new HashSet<int>();
        foreach (var role in answer.Roles)
        {
            if (RoleProblem(candidate, shown, role, roles) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? RoleProblem(CandidateProfile candidate, CandidateSkills shown, LlmRole role, HashSet<int> seen)
    {
        var companies = candidate.Experience.Select(e => Key(e.Company)).ToHashSet(StringComparer.Ordinal);
        if (!companies.Contains(Key(role.Company)))
        {
            return $"it names the employer '{role.Company}', which is not in the candidate's experience";
        }

        if (role.Index < 0 || role.Index >= candidate.Experience.Count || Key(candidate.Experience[role.Index].Company) != Key(role.Company))
        {
            return $"role {role.Index} is not the candidate's role at '{role.Company}'";
        }

        if (!seen.Add(role.Index))
        {
            return $"role {role.Index} appears twice";
        }

        var original = candidate.Experience[role.Index];
        var sources = new HashSet<int>();
        foreach (var bullet in role.Bullets)
        {
            var where = $"a bullet of role {role.Index} ({original.Company})";
            if (bullet.Source < 0 || bullet.Source >= original.Bullets.Count)
            {
                return $"{where} has no valid source bullet (index {bullet.Source})";
            }

            if (!sources.Add(bullet.Source))
            {
                return $"{where} rewrites source bullet {bullet.Source} twice";
            }

            if (string.IsNullOrWhiteSpace(bullet.Text) || bullet.Text.Length > MaxBulletLength)
            {
                return $"{where} is empty or too long";
            }

            if (UnshownSkill(shown, bullet.Text) is { } skill)
            {
                return $"{where} claims the skill '{skill}', which the candidate does not show";
            }

            // A rewrite may keep the original's numbers and the role's dates, and add none.
            var allowed = Numbers(original.Bullets[bullet.Source], original.StartDate, original.EndDate);
            if (NewNumber(bullet.Text, allowed) is { } number)
            {
                return $"{where} states '{number}', which its original bullet does not";
            }
        }

        return null;
    }

    private static string? UnshownSkill(CandidateSkills shown, string text) =>
        CandidateSkills.Find(shown.Index, text).Where(name => !shown.All.Contains(name)).Order(StringComparer.Ordinal).FirstOrDefault();

    private static string? NewNumber(string text, HashSet<string> allowed) =>
        Number().Matches(text).Select(m => m.Value).FirstOrDefault(n => !allowed.Contains(NormalizeNumber(n)));

    private static HashSet<string> Numbers(params IEnumerable<string?> texts) =>
        texts.Where(t => t is not null).SelectMany(t => Number().Matches(t!)).Select(m => NormalizeNumber(m.Value)).ToHashSet(StringComparer.Ordinal);

    // "1,200" and "1200" are one number, and so are "03" and "3".
    private static string NormalizeNumber(string number)
    {
        var digits = number.Replace(",", "", StringComparison.Ordinal);
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 || trimmed[0] == '.' ? "0" + trimmed : trimmed;
    }

    private static IEnumerable<string?> AllText(CandidateProfile candidate) =>
        new[] { candidate.Headline, candidate.Summary }
            .Concat(candidate.Skills)
            .Concat(candidate.Experience.SelectMany(e => new[] { e.Company, e.Title, e.StartDate, e.EndDate }.Concat(e.Bullets)))
            .Concat(candidate.Education.SelectMany(e => new[] { e.School, e.Degree, e.Year }));

    // Companies and skills are compared as a person would read them: case, spacing and trailing punctuation aside.
    internal static string Key(string text) => Whitespace().Replace(text.Trim().TrimEnd('.', ','), " ").ToLowerInvariant();

    // Digits glued to letters belong to a name ("EC2", "HTML5", "Q3"), not to a claim.
    [GeneratedRegex(@"(?<![\p{L}\d.,])\d+(?:[.,]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
