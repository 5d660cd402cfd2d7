using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring;

/// <summary>A resume reshaped for one job description, ready to render.</summary>
/// <param name="Note">
/// Why the resume is not what the configured engine would have made, e.g. the LLM answer was
/// rejected and the offline engine was used instead; null when there is nothing to say.
/// </param>
public sealed record TailoredResume(
    CandidateProfile Candidate,
    string JobRef,
    string Summary,
    IReadOnlyList<string> Skills,
    IReadOnlyList<TailoredExperience> Experience,
    IReadOnlyList<EducationEntry> Education,
    MatchReport Match,
    string? Note = null);

public sealed record TailoredExperience(
    string Company,
    string Title,
    string? StartDate,
    string? EndDate,
    IReadOnlyList<string> Bullets);

/// <summary>How well the candidate fits: score 0–100 and the job's keywords found and not found.</summary>
public sealed record MatchReport(int Score, IReadOnlyList<string> Matched, IReadOnlyList<string> Missing);
