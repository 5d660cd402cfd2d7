namespace ResumeAspire.Core.Data;

public sealed class ResumeJob
{
    public Guid Id { get; set; }
    public required string OwnerId { get; set; }
    public Guid CandidateId { get; set; }
    public int CandidateVersion { get; set; }

    /// <summary>The caller's own job reference, e.g. <c>JOB-001</c> (the seed API's <c>job_id</c> field).</summary>
    public required string JobRef { get; set; }
    public required string JobDescription { get; set; }
    public required string FileType { get; set; }

    /// <summary>The document's look (<see cref="Domain.ResumeTemplates"/>).</summary>
    public string Template { get; set; } = Domain.ResumeTemplates.Default;
    public required string Status { get; set; }
    public int Progress { get; set; }
    public string? Stage { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }

    /// <summary>Something the user should know about a finished job, e.g. that the LLM answer was rejected and the offline engine used.</summary>
    public string? Note { get; set; }
    public string? CacheKey { get; set; }
    public bool Cached { get; set; }
    public int? MatchScore { get; set; }
    public List<string> MatchedKeywords { get; set; } = [];
    public List<string> MissingKeywords { get; set; } = [];
    public Guid? DocumentId { get; set; }
    public string? TraceParent { get; set; }
    public string? TraceState { get; set; }
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request body, so a replayed Idempotency-Key with another body is told apart (422).</summary>
    public string? RequestHash { get; set; }

    /// <summary>
    /// Until when the worker that claimed the job owns it. A redelivered message may take a
    /// PROCESSING job over only after this has passed (its worker died or hung).
    /// </summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
