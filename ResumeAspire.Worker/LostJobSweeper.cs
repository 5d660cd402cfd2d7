using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Queue;

namespace ResumeAspire.Worker;

/// <summary>
/// Finds accepted jobs the queue no longer knows about — PENDING (or PROCESSING with a long
/// expired lease) in PostgreSQL but absent from Redis, because Redis lost its data or the Api
/// died between INSERT and XADD — and publishes them again. Processing is idempotent, so a
/// rare duplicate costs nothing but a skipped delivery.
/// </summary>
public sealed class LostJobSweeper(IServiceScopeFactory scopes, JobQueue queue, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<LostJobSweeper> logger)
{
    private const int BatchSize = 500;

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - options.Value.SweepAfter;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResumeDbContext>();

        var suspects = await db.ResumeJobs.AsNoTracking()
            .Where(j => (j.Status == JobStatus.Pending && j.CreatedAt < cutoff)
                || (j.Status == JobStatus.Processing && j.LeaseExpiresAt < cutoff))
            .OrderBy(j => j.CreatedAt)
            .Select(j => new { j.Id, j.TraceParent, j.TraceState })
            .Take(BatchSize)
            .ToListAsync(ct);

        var known = await queue.AreQueuedAsync(suspects.Select(j => j.Id).ToList());
        var republished = 0;
        for (var i = 0; i < suspects.Count; i++)
        {
            if (known[i])
            {
                continue;
            }

            var job = suspects[i];
            await queue.EnqueueAsync(new JobMessage(job.Id, job.TraceParent, job.TraceState, now));
            republished++;
        }

        if (republished > 0)
        {
            logger.LogWarning("Re-published {Count} job(s) that were missing from the queue", republished);
        }

        return republished;
    }
}
