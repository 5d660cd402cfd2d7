using System.Text.RegularExpressions;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// The offline, deterministic tailor: finds the job description's keywords among the candidate's
/// skills and bullets, orders both by relevance and scores the match. It never adds a fact the
/// candidate did not give.
/// </summary>
public sealed partial class KeywordTailor : IResumeTailor
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "of", "on", "or",
        "our", "that", "the", "to", "we", "will", "with", "you", "your", "years", "year", "experience", "plus", "must",
        "nice", "required", "requirements", "preferred", "ability", "strong", "work", "working", "team", "role", "job",
        "senior", "junior", "engineer", "developer", "knowledge", "skills", "using", "including", "etc", "good", "great",
    };

    public Task<TailoredResume> TailorAsync(CandidateProfile candidate, string jobRef, string jobDescription, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var keywords = ExtractKeywords(jobDescription, candidate.Skills);
        var matched = keywords.Where(k => Mentions(candidate, k)).ToList();
        var missing = keywords.Except(matched, StringComparer.OrdinalIgnoreCase).ToList();

        var skills = candidate.Skills
            .Select((skill, index) => (skill, index, rank: IndexOf(keywords, skill)))
            .OrderBy(s => s.rank < 0 ? int.MaxValue : s.rank).ThenBy(s => s.index)
            .Select(s => s.skill)
            .ToList();

        var experience = candidate.Experience
            .Select(e => new TailoredExperience(e.Company, e.Title, e.StartDate, e.EndDate,
                e.Bullets.Select((b, i) => (b, i, score: matched.Count(k => Contains(b, k))))
                    .OrderByDescending(x => x.score).ThenBy(x => x.i).Select(x => x.b).ToList()))
            .ToList();

        var score = keywords.Count == 0 ? 0 : (int)Math.Round(100.0 * matched.Count / keywords.Count);
        var summary = Summarise(candidate, matched);
        return Task.FromResult(new TailoredResume(candidate, jobRef, summary, skills, experience, candidate.Education,
            new MatchReport(score, matched, missing)));
    }

    /// <summary>Skills named in the text (known from the candidate) first, then capitalised or technical tokens by frequency.</summary>
    public static IReadOnlyList<string> ExtractKeywords(string jobDescription, IReadOnlyList<string> knownSkills)
    {
        var found = new List<string>();
        foreach (var skill in knownSkills.Where(s => Contains(jobDescription, s)))
        {
            found.Add(skill);
        }

        var counts = Token().Matches(jobDescription)
            .Select(m => m.Value.TrimEnd('.', ','))
            .Where(t => t.Length > 1 && !StopWords.Contains(t) && (char.IsUpper(t[0]) || t.Any(c => c is '#' or '+' or '.' or '/')))
            .GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
            .Select(g => (term: g.First(), count: g.Count(), first: jobDescription.IndexOf(g.First(), StringComparison.Ordinal)))
            .OrderByDescending(g => g.count).ThenBy(g => g.first);
        foreach (var (term, _, _) in counts)
        {
            if (!found.Contains(term, StringComparer.OrdinalIgnoreCase))
            {
                found.Add(term);
            }
        }

        return found.Take(25).ToList();
    }

    private static string Summarise(CandidateProfile candidate, IReadOnlyList<string> matched)
    {
        var role = candidate.Headline ?? candidate.Experience.FirstOrDefault()?.Title ?? "Professional";
        var first = $"{role} with experience at {string.Join(", ", candidate.Experience.Select(e => e.Company).Distinct().Take(3))}."
            .Replace(" at .", ".", StringComparison.Ordinal);
        var second = matched.Count > 0 ? $" Brings {string.Join(", ", matched.Take(5))} to this role." : "";
        var third = string.IsNullOrWhiteSpace(candidate.Summary) ? "" : $" {candidate.Summary.Trim()}";
        return (first + second + third).Trim();
    }

    private static bool Mentions(CandidateProfile candidate, string keyword) =>
        candidate.Skills.Any(s => string.Equals(s, keyword, StringComparison.OrdinalIgnoreCase))
        || candidate.Experience.SelectMany(e => e.Bullets.Append(e.Title)).Any(b => Contains(b, keyword));

    private static int IndexOf(IReadOnlyList<string> keywords, string skill)
    {
        for (var i = 0; i < keywords.Count; i++)
        {
            if (string.Equals(keywords[i], skill, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Contains(string text, string term) =>
        Regex.IsMatch(text, $@"(?<![\w#+.]){Regex.Escape(term)}(?![\w#+])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9#+./-]*")]
    private static partial Regex Token();
}
