using System.Linq.Expressions;
using ResumeAspire.Core.Data;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// The seed API's body: <c>{candidate_id, job_id, job_description, file_type}</c>, where <c>job_id</c>
/// is the caller's own reference (e.g. <c>JOB-001</c>), not the id of the job this creates.
/// </summary>
public sealed record GenerateRequest(Guid? CandidateId, string? JobId, string? JobDescription, string? FileType, string? Template = null);

public sealed record GenerateAcceptedResponse(
    Guid JobId,
    string Status,
    int Progress,
    bool Cached,
    string StatusUrl,
    string DownloadUrl,
    DateTimeOffset CreatedAt);

public sealed record JobStatusResponse(
    Guid Id,
    string JobRef,
    Guid CandidateId,
    string FileType,
    string Template,
    string Status,
    int Progress,
    string? Stage,
    int Attempts,
    string? Error,
    string? Note,
    bool Cached,
    int? MatchScore,
    IReadOnlyList<string> MatchedKeywords,
    IReadOnlyList<string> MissingKeywords,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? DownloadUrl,
    string? TraceId)
{
    /// <summary>
    /// The columns a status needs. Polling reads this every 2 s per user: the job description
    /// (up to 20,000 characters) and the idempotency and cache keys stay in the database.
    /// </summary>
    public static readonly Expression<Func<ResumeJob, ResumeJob>> Columns = j => new ResumeJob
    {
        Id = j.Id,
        OwnerId = j.OwnerId,
        CandidateId = j.CandidateId,
        JobRef = j.JobRef,
        JobDescription = "",
        FileType = j.FileType,
        Template = j.Template,
        Status = j.Status,
        Progress = j.Progress,
        Stage = j.Stage,
        Attempts = j.Attempts,
        Error = j.Error,
        Note = j.Note,
        Cached = j.Cached,
        MatchScore = j.MatchScore,
        MatchedKeywords = j.MatchedKeywords,
        MissingKeywords = j.MissingKeywords,
        DocumentId = j.DocumentId,
        TraceParent = j.TraceParent,
        TraceState = j.TraceState,
        CreatedAt = j.CreatedAt,
        StartedAt = j.StartedAt,
        CompletedAt = j.CompletedAt,
    };

    public static JobStatusResponse From(ResumeJob job) =>
        new(job.Id, job.JobRef, job.CandidateId, job.FileType, job.Template, job.Status, job.Progress, job.Stage, job.Attempts, job.Error, job.Note,
            job.Cached, job.MatchScore, job.MatchedKeywords, job.MissingKeywords, job.CreatedAt, job.StartedAt, job.CompletedAt,
            job.DocumentId is null ? null : ResumeJobsApi.DownloadPath(job.Id),
            JobTrace.RecordedTraceId(job));
}

public sealed record JobPage(IReadOnlyList<JobStatusResponse> Items, int Page, int PageSize, int Total);

public sealed record CancelResponse(Guid Id, string Status);
