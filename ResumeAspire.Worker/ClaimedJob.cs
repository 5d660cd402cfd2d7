using ResumeAspire.Core.Domain;

namespace ResumeAspire.Worker;

/// <summary>
/// What one delivery needs of a job it now owns, read by the claim itself. <see cref="Attempts"/>
/// is the ownership token: every later write is conditional on it.
/// </summary>
/// <param name="Candidate">Null when the candidate was deleted after the job was accepted.</param>
public sealed record ClaimedJob(
    Guid Id,
    string OwnerId,
    string JobRef,
    string JobDescription,
    string FileType,
    string Template,
    int Attempts,
    int Progress,
    string? CacheKey,
    CandidateProfile? Candidate);
