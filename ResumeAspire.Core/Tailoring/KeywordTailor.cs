using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// The offline, deterministic tailor: finds the job description's skills with the lexicon, puts
/// the candidate's matching skills and bullets first, writes a summary from the candidate's own
/// facts and scores the match. It only reorders and selects what the candidate gave; it never
/// adds a skill or a bullet.
/// </summary>
public sealed class KeywordTailor : IResumeTailor
{
    public Task<TailoredResume> TailorAsync(CandidateProfile candidate, string jobRef, string jobDescription, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Tailor(candidate, jobRef, jobDescription));
    }

    /// <summary>The job description's skills under their canonical names, most important first.</summary>
    public static IReadOnlyList<JobKeyword> ExtractKeywords(string jobDescription)
    {
        ArgumentNullException.ThrowIfNull(jobDescription);
        return KeywordExtractor.Extract(jobDescription, SkillLexicon.Index);
    }

    /// <summary>The synchronous core of <see cref="TailorAsync"/>.</summary>
    public static TailoredResume Tailor(CandidateProfile candidate, string jobRef, string jobDescription)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(jobDescription);

        var shown = CandidateSkills.Read(candidate);
        var keywords = KeywordExtractor.Extract(jobDescription, shown.Index);
        var rank = keywords.Select((k, i) => (k.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var weight = keywords.ToDictionary(k => k.Name, k => k.Weight, StringComparer.Ordinal);

        var matched = keywords.Where(k => shown.All.Contains(k.Name)).ToList();
        var missing = keywords.Where(k => !shown.All.Contains(k.Name)).Select(k => k.Name).ToList();
        var match = new MatchReport(Score(keywords, matched), matched.Select(k => k.Name).ToList(), missing);

        var skills = candidate.Skills
            .Select((skill, i) => (skill, i, rank: shown.PerSkill[i].Select(n => rank.GetValueOrDefault(n, int.MaxValue)).DefaultIfEmpty(int.MaxValue).Min()))
            .OrderBy(s => s.rank).ThenBy(s => s.i)
            .Select(s => s.skill)
            .ToList();

        var experience = candidate.Experience
            .Select((role, r) => new TailoredExperience(role.Company, role.Title, role.StartDate, role.EndDate,
                role.Bullets
                    .Select((bullet, b) => (bullet, b, relevance: shown.PerBullet[r][b].Sum(n => weight.GetValueOrDefault(n))))
                    .OrderByDescending(x => x.relevance).ThenBy(x => x.b)
                    .Select(x => x.bullet)
                    .ToList()))
            .ToList();

        var summary = TargetedSummary.Write(candidate, match.Matched);
        return new TailoredResume(candidate, jobRef, summary, skills, experience, candidate.Education, match);
    }

    // The weighted share of the job's keywords the candidate shows, so a missing must-have costs
    // more than a missing nice-to-have.
    private static int Score(IReadOnlyList<JobKeyword> all, IReadOnlyList<JobKeyword> matched)
    {
        var total = all.Sum(k => k.Weight);
        return total <= 0 ? 0 : (int)Math.Clamp(Math.Round(100 * matched.Sum(k => k.Weight) / total, MidpointRounding.AwayFromZero), 0, 100);
    }
}
