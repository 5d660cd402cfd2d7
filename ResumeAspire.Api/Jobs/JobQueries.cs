using Microsoft.EntityFrameworkCore;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// EF queries compiled once: they otherwise pay EF's query-cache lookup and parameter extraction
/// per execution. The two hottest reads (status, enqueue lookup) are raw statements: <see cref="JobLookups"/>.
/// </summary>
public static class JobQueries
{
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

public sealed record DownloadRow(string Status, string? TraceParent, string? TraceState, byte[]? Content, string? ContentType, string? FileName);
