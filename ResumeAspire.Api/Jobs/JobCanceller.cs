using Microsoft.EntityFrameworkCore;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Telemetry;

namespace ResumeAspire.Api.Jobs;

public enum CancelOutcome
{
    Cancelled,
    NotFound,
    AlreadyFinal,
}

/// <summary>
/// Cancels with one conditional UPDATE, so a job that completes at the same moment is either
/// cancelled or completed, never both; the worker's own transitions are conditional too.
/// </summary>
public sealed class JobCanceller(ResumeDbContext db, JobQueue queue, JobProgressNotifier notifier, JobsTelemetry telemetry, TimeProvider clock)
{
    public async Task<CancelOutcome> CancelAsync(string userId, Guid jobId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cancelled = await db.ResumeJobs
            .Where(j => j.Id == jobId && j.OwnerId == userId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Processing))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Cancelled)
                .SetProperty(j => j.Stage, JobStages.Cancelled)
                .SetProperty(j => j.CompletedAt, now), ct);

        if (cancelled == 1)
        {
            // The worker running it (if any) aborts its in-flight work on this signal; had it been
            // missed, the worker's next conditional UPDATE stops it anyway.
            await queue.PublishCancelAsync(jobId);
            telemetry.Cancelled.Add(1);
            await notifier.PublishAsync(userId, new JobProgress(jobId, JobStatus.Cancelled, 0, JobStages.Cancelled, null));
            return CancelOutcome.Cancelled;
        }

        var exists = await db.ResumeJobs.AnyAsync(j => j.Id == jobId && j.OwnerId == userId, ct);
        return exists ? CancelOutcome.AlreadyFinal : CancelOutcome.NotFound;
    }
}
