using Microsoft.EntityFrameworkCore;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// The Api's hottest queries, compiled once: every status poll and every enqueue otherwise pays
/// EF's query-cache lookup and parameter extraction, which showed in the load test's profiles
/// (delegates compiled per execution for captured values).
/// </summary>
public static class JobQueries
{
    /// <summary>A status as the owner sees it; another user's job is not found.</summary>
    public static readonly Func<ResumeDbContext, Guid, string, CancellationToken, Task<ResumeJob?>> Status =
        EF.CompileAsyncQuery((ResumeDbContext db, Guid jobId, string userId, CancellationToken ct) =>
            db.ResumeJobs.AsNoTracking()
                .Where(j => j.Id == jobId && j.OwnerId == userId)
                .Select(JobStatusResponse.Columns)
                .SingleOrDefault());

    /// <summary>
    /// The owner's candidate and the owner's jobs in flight, in one round trip (a partial index on
    /// active jobs keeps the count small however many finished jobs the user has). The count stops
    /// at <c>maxInFlight</c>: all the cap needs to know, and it keeps the cost of an enqueue
    /// independent of how large a user's backlog has grown.
    /// </summary>
    public static readonly Func<ResumeDbContext, Guid, string, int, CancellationToken, Task<CandidateForEnqueue?>> CandidateForEnqueue =
        EF.CompileAsyncQuery((ResumeDbContext db, Guid candidateId, string userId, int maxInFlight, CancellationToken ct) =>
            db.Candidates.AsNoTracking()
                .Where(c => c.Id == candidateId && c.OwnerId == userId)
                .Select(c => new CandidateForEnqueue(
                    c.Id,
                    c.Version,
                    db.ResumeJobs.Where(j => j.OwnerId == userId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Processing)).Take(maxInFlight).Count()))
                .SingleOrDefault());

    /// <summary>
    /// The owner's job with its document, by key: a LEFT JOIN on the document's primary key. (A
    /// correlated FirstOrDefault() here became a ROW_NUMBER() over every stored document, the
    /// busiest statement on PostgreSQL in the load test.)
    /// </summary>
    public static readonly Func<ResumeDbContext, Guid, string, CancellationToken, Task<DownloadRow?>> Download =
        EF.CompileAsyncQuery((ResumeDbContext db, Guid jobId, string userId, CancellationToken ct) =>
            (from j in db.ResumeJobs.AsNoTracking()
             where j.Id == jobId && j.OwnerId == userId
             join d in db.ResumeDocuments.AsNoTracking() on j.DocumentId equals (Guid?)d.Id into documents
             from d in documents.DefaultIfEmpty()
             select new DownloadRow(j.Status, j.TraceParent, j.TraceState, d == null ? null : d.Content, d == null ? null : d.ContentType, d == null ? null : d.FileName))
            .SingleOrDefault());
}

public sealed record CandidateForEnqueue(Guid Id, int Version, int InFlight);

public sealed record DownloadRow(string Status, string? TraceParent, string? TraceState, byte[]? Content, string? ContentType, string? FileName);
