using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Generation;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Telemetry;

namespace ResumeAspire.Worker;

/// <summary>
/// Runs one job: PROCESSING → tailor → render → store → COMPLETED. Every transition is a
/// conditional UPDATE on the current status, so a redelivered message cannot complete a job
/// twice and a cancelled job is never revived.
/// </summary>
public sealed class JobProcessor(
    IServiceScopeFactory scopes,
    ResumeGenerator generator,
    JobProgressNotifier notifier,
    JobsTelemetry telemetry,
    TimeProvider clock,
    ILogger<JobProcessor> logger)
{
    /// <summary>Returns true when the entry can be acknowledged (the job is in a final state or gone).</summary>
    public async Task<bool> ProcessAsync(JobMessage message, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = JobsTelemetry.Source.StartActivity($"{QueueNames.Stream} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", QueueNames.Stream);
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("resume.job.id", message.JobId);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResumeDbContext>();
        var started = clock.GetUtcNow();

        var job = await ClaimAsync(db, message.JobId, started, cancellationToken);
        if (job is null)
        {
            return true;
        }

        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["UserId"] = job.OwnerId });
        telemetry.QueueWait.Record(Math.Max(0, (started - message.EnqueuedAt).TotalSeconds));

        try
        {
            var outcome = await RunAsync(db, job, cancellationToken);
            telemetry.Duration.Record((clock.GetUtcNow() - started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: leave the entry pending so the job is handed to another worker.
            logger.LogInformation("Shutdown interrupted job {JobId}; it stays pending for redelivery", job.Id);
            return false;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} failed", job.Id);
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await FailAsync(db, job, e.Message, "error");
            return true;
        }
    }

    /// <summary>PENDING → PROCESSING; a job already PROCESSING is a redelivery after a worker died and is taken over.</summary>
    private async Task<ResumeJob?> ClaimAsync(ResumeDbContext db, Guid jobId, DateTimeOffset now, CancellationToken ct)
    {
        var claimed = await db.ResumeJobs
            .Where(j => j.Id == jobId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Processing))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Processing)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.StartedAt, now)
                .SetProperty(j => j.Progress, 5)
                .SetProperty(j => j.Stage, JobStages.Loading)
                .SetProperty(j => j.Error, (string?)null), ct);
        if (claimed == 0)
        {
            // Already final (completed, failed, cancelled) or deleted: nothing to do.
            return null;
        }

        return await db.ResumeJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
    }

    private async Task<string> RunAsync(ResumeDbContext db, ResumeJob job, CancellationToken ct)
    {
        await NotifyAsync(job, JobStatus.Processing, 5, JobStages.Loading);
        var candidate = await db.Candidates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == job.CandidateId, ct);
        if (candidate is null)
        {
            await FailAsync(db, job, "The candidate was deleted before the resume was generated.", "candidate_deleted");
            return "failed";
        }

        if (!await AdvanceAsync(db, job, 20, JobStages.Tailoring, ct))
        {
            return "cancelled";
        }

        var tailored = await Step("tailor", () => generator.TailorAsync(candidate.ToProfile(), job.JobRef, job.JobDescription, ct));
        if (!await AdvanceAsync(db, job, 60, JobStages.Rendering, ct))
        {
            return "cancelled";
        }

        var document = await Step("render", () => Task.FromResult(generator.Render(tailored, job.FileType)));
        if (!await AdvanceAsync(db, job, 85, JobStages.Storing, ct))
        {
            return "cancelled";
        }

        using (JobsTelemetry.Source.StartActivity("store"))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var stored = new ResumeDocument
            {
                Id = Guid.CreateVersion7(),
                Content = document.Content,
                ContentType = document.ContentType,
                FileName = document.FileName,
                Size = document.Content.LongLength,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(document.Content)),
                CreatedAt = clock.GetUtcNow(),
            };
            db.ResumeDocuments.Add(stored);
            await db.SaveChangesAsync(ct);

            var completedAt = clock.GetUtcNow();
            var completed = await db.ResumeJobs
                .Where(j => j.Id == job.Id && j.Status == JobStatus.Processing)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Completed)
                    .SetProperty(j => j.Progress, 100)
                    .SetProperty(j => j.Stage, JobStages.Done)
                    .SetProperty(j => j.DocumentId, stored.Id)
                    .SetProperty(j => j.MatchScore, tailored.Match.Score)
                    .SetProperty(j => j.MatchedKeywords, tailored.Match.Matched.ToList())
                    .SetProperty(j => j.MissingKeywords, tailored.Match.Missing.ToList())
                    .SetProperty(j => j.CompletedAt, completedAt), ct);
            if (completed == 0)
            {
                // Cancelled (or finished by another delivery) while rendering: keep no orphan document.
                await transaction.RollbackAsync(ct);
                return "cancelled";
            }

            await transaction.CommitAsync(ct);
        }

        telemetry.Completed.Add(1);
        await NotifyAsync(job, JobStatus.Completed, 100, JobStages.Done);
        return "completed";
    }

    /// <summary>Writes progress only while the job is still PROCESSING; false means it was cancelled meanwhile.</summary>
    private async Task<bool> AdvanceAsync(ResumeDbContext db, ResumeJob job, int progress, string stage, CancellationToken ct)
    {
        var updated = await db.ResumeJobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.Processing)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, progress).SetProperty(j => j.Stage, stage), ct);
        if (updated == 0)
        {
            logger.LogInformation("Job {JobId} left PROCESSING (cancelled); stopping", job.Id);
            return false;
        }

        await NotifyAsync(job, JobStatus.Processing, progress, stage);
        return true;
    }

    private async Task FailAsync(ResumeDbContext db, ResumeJob job, string error, string reason)
    {
        var failed = await db.ResumeJobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.Processing)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Failed)
                .SetProperty(j => j.Stage, JobStages.Failed)
                .SetProperty(j => j.Error, error.Length > 2000 ? error[..2000] : error)
                .SetProperty(j => j.CompletedAt, clock.GetUtcNow()), CancellationToken.None);
        if (failed == 1)
        {
            telemetry.Failed.Add(1, new KeyValuePair<string, object?>("reason", reason));
            await NotifyAsync(job, JobStatus.Failed, job.Progress, JobStages.Failed, error);
        }
    }

    private Task NotifyAsync(ResumeJob job, string status, int progress, string stage, string? error = null) =>
        notifier.PublishAsync(job.OwnerId, new JobProgress(job.Id, status, progress, stage, error));

    private static async Task<T> Step<T>(string name, Func<Task<T>> step)
    {
        using var activity = JobsTelemetry.Source.StartActivity(name);
        return await step();
    }
}
