using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring;

/// <summary>A resume reshaped for one job description, ready to render.</summary>
public sealed record TailoredResume(
    CandidateProfile Candidate,
    string JobRef,
    string Summary,
    IReadOnlyList<string> Skills,
    IReadOnlyList<TailoredExperience> Experience,
    IReadOnlyList<EducationEntry> Education,
    MatchReport Match);

public sealed record TailoredExperience(
    string Company,
    string Title,
    string? StartDate,
    string? EndDate,
    IReadOnlyList<string> Bullets);

/// <summary>How well the candidate fits: score 0–100 and the job's keywords found and not found.</summary>
public sealed record MatchReport(int Score, IReadOnlyList<string> Matched, IReadOnlyList<string> Missing);
