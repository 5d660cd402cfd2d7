using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Worker.Retention;

public sealed record RetentionResult(int CompletedJobs, int FailedJobs, int CancelledJobs, int Documents, int Batches)
{
    public int Total => CompletedJobs + FailedJobs + CancelledJobs + Documents;
}

/// <summary>
/// Deletes finished jobs past their retention age, then documents no job references any more.
/// Small batches, each its own statement and transaction, so no table is locked for long; rows
/// another replica (or a worker) holds are skipped, which makes concurrent rounds safe.
/// </summary>
public sealed class RetentionCleaner(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options)
{
    // The inner SELECT walks ix_resume_jobs_status_created_at; one status per statement keeps it a plain range scan.
    // FOR UPDATE re-checks the status of a row changed meanwhile, so only a still-final job is deleted.
    private const string DeleteJobsSql = """
        DELETE FROM resume_jobs WHERE id IN (
            SELECT id FROM resume_jobs
            WHERE status = {0} AND created_at < {1}
            ORDER BY created_at
            LIMIT {2}
            FOR UPDATE SKIP LOCKED)
        """;

    // A document the result cache shares stays while any job points at it. An enqueue that is
    // inserting a reference holds a key-share lock on the row, which SKIP LOCKED steps around.
    private const string DeleteDocumentsSql = """
        DELETE FROM resume_documents WHERE id IN (
            SELECT d.id FROM resume_documents d
            WHERE d.created_at < {0}
              AND NOT EXISTS (SELECT 1 FROM resume_jobs j WHERE j.document_id = d.id)
            LIMIT {1}
            FOR UPDATE SKIP LOCKED)
        """;

    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var batches = 0;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResumeDbContext>();

        async Task<int> DrainAsync(string sql, params object[] parameters)
        {
            var total = 0;
            int deleted;
            do
            {
                // Outside a transaction each statement commits on its own: that is the short transaction.
                deleted = await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
                total += deleted;
                batches++;
            }
            while (deleted >= settings.BatchSize);

            return total;
        }

        var completed = await DrainAsync(DeleteJobsSql, JobStatus.Completed, now - settings.CompletedAfter, settings.BatchSize);
        var failed = await DrainAsync(DeleteJobsSql, JobStatus.Failed, now - settings.FailedAfter, settings.BatchSize);
        var cancelled = await DrainAsync(DeleteJobsSql, JobStatus.Cancelled, now - settings.FailedAfter, settings.BatchSize);
        var documents = await DrainAsync(DeleteDocumentsSql, now - settings.OrphanedDocumentsAfter, settings.BatchSize);
        return new RetentionResult(completed, failed, cancelled, documents, batches);
    }
}
