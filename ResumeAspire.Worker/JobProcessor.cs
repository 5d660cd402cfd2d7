using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Generation;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Tailoring;
using ResumeAspire.Core.Telemetry;

namespace ResumeAspire.Worker;

/// <summary>
/// Runs one delivery of a job: claim → tailor → render → store → COMPLETED, or a retry, a
/// dead letter, a cancellation or a hand-back. Every transition is a conditional UPDATE on the
/// current status, so a redelivered message cannot complete a job twice and a cancelled job is
/// never revived.
/// </summary>
public sealed class JobProcessor(
    IServiceScopeFactory scopes,
    ResumeGenerator generator,
    JobQueue queue,
    JobProgressNotifier notifier,
    ResultCache cache,
    RunningJobs running,
    JobsTelemetry telemetry,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<JobProcessor> logger)
{
    private readonly WorkerOptions _options = options.Value;

    /// <summary>
    /// Returns true when the stream entry can be acknowledged: the job is final, re-queued as a
    /// new entry, or owned by another live delivery. False leaves it pending for the reclaimer.
    /// </summary>
    /// <param name="drain">Cancelled when the worker is shutting down and may wait no longer.</param>
    public async Task<bool> ProcessAsync(JobMessage message, CancellationToken drain)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = JobsTelemetry.Source.StartActivity($"{QueueNames.Stream} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", QueueNames.Stream);
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("resume.job.id", message.JobId);

        // Listening for a cancel before the claim: one sent the moment the job turns PROCESSING
        // still reaches this delivery (no progress write in between checks the database any more).
        using var cancelled = new CancellationTokenSource();
        running.Add(message.JobId, cancelled);
        try
        {
            return await ClaimAndRunAsync(message, cancelled, activity, drain);
        }
        finally
        {
            running.Remove(message.JobId, cancelled);
        }
    }

    private async Task<bool> ClaimAndRunAsync(JobMessage message, CancellationTokenSource cancelled, Activity? activity, CancellationToken drain)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResumeDbContext>();
        var started = clock.GetUtcNow();

        var job = await ClaimAsync(db, message.JobId, started, drain);
        if (job is null)
        {
            return true;
        }

        activity?.SetTag("resume.job.attempt", job.Attempts);
        // The user id, never the email; no job description or resume text ever goes into a log.
        // TraceId and SpanId come from the host's activity tracking scope (the process span is current).
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["UserId"] = job.OwnerId });
        telemetry.QueueWait.Record(Math.Max(0, (started - message.EnqueuedAt).TotalSeconds));

        if (job.Attempts > _options.MaxAttempts)
        {
            // Every earlier delivery died without an answer (worker crashes): stop trying.
            await FailAsync(db, job, $"Gave up after {_options.MaxAttempts} attempts: the worker stopped during each one.", "attempts_exhausted", deadLetter: true);
            return true;
        }

        using var timeout = new CancellationTokenSource(_options.JobTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancelled.Token, timeout.Token, drain);
        try
        {
            var outcome = await RunAsync(db, job, linked.Token);
            RecordDuration(outcome);
            await queue.ForgetAsync(job.Id);
            return true;
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
        {
            RecordDuration("cancelled");
            logger.LogInformation("Job {JobId} was cancelled while running", job.Id);
            await queue.ForgetAsync(job.Id);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            RecordDuration("timeout");
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            return await RetryOrFailAsync(db, job, message, $"Timed out after {_options.JobTimeout.TotalSeconds:0} s.", "timeout");
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            return await HandBackAsync(db, job, message);
        }
        catch (PermanentJobException e)
        {
            RecordDuration("permanent");
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await FailAsync(db, job, e.Message, "permanent", deadLetter: true);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RecordDuration("error");
            logger.LogWarning(e, "Attempt {Attempt} of job {JobId} failed", job.Attempts, job.Id);
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            return await RetryOrFailAsync(db, job, message, e.Message, "error");
        }

        // Every attempt is measured, failed ones too: slow failures are what an SRE looks for.
        void RecordDuration(string outcome) =>
            telemetry.Duration.Record((clock.GetUtcNow() - started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>
    /// PENDING → PROCESSING with a lease. A PROCESSING job is taken over only once its lease has
    /// expired (its worker died); while the lease holds, this delivery is a duplicate.
    /// </summary>
    private async Task<ResumeJob?> ClaimAsync(ResumeDbContext db, Guid jobId, DateTimeOffset now, CancellationToken ct)
    {
        // One round trip: the conditional UPDATE hands back the claimed row (EF's ExecuteUpdate
        // cannot RETURNING, and a second SELECT per job was measurable under load).
        var lease = now + _options.JobTimeout + _options.LeaseMargin;
        var claimed = await db.ResumeJobs.FromSql($"""
            UPDATE resume_jobs
            SET status = {JobStatus.Processing}, attempts = attempts + 1, lease_expires_at = {lease},
                started_at = {now}, progress = 20, stage = {JobStages.Tailoring}
            WHERE id = {jobId}
              AND (status = {JobStatus.Pending} OR (status = {JobStatus.Processing} AND lease_expires_at < {now}))
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return claimed.SingleOrDefault();
    }

    private async Task<string> RunAsync(ResumeDbContext db, ResumeJob job, CancellationToken ct)
    {
        // The claim already recorded "tailoring": loading the candidate takes a millisecond and
        // tailoring (an LLM call perhaps) is where a job spends its time, so a client that polls
        // sees that stage. Later stages go to live listeners only, not to PostgreSQL; the final
        // conditional UPDATE still refuses to complete a job this delivery no longer owns, and a
        // cancel arrives as a token (resume:jobs:cancel).
        var candidate = await StepAsync("load", () => db.Candidates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == job.CandidateId, ct))
            ?? throw new PermanentJobException("The candidate was deleted before the resume was generated.");
        await NotifyAsync(job, JobStatus.Processing, 20, JobStages.Tailoring);

        var tailored = await StepAsync("tailor", () => generator.TailorAsync(candidate.ToProfile(), job.JobRef, job.JobDescription, ct));
        await NotifyAsync(job, JobStatus.Processing, 60, JobStages.Rendering);
        var document = await StepAsync("render", () => Task.FromResult(generator.Render(tailored, job.FileType, job.Template)));
        ct.ThrowIfCancellationRequested();
        await NotifyAsync(job, JobStatus.Processing, 85, JobStages.Storing);

        Guid documentId;
        using (JobsTelemetry.Source.StartActivity("store"))
        {
            var stored = await StoreAsync(db, job, tailored, document, ct);
            if (stored is null)
            {
                return "cancelled";
            }

            documentId = stored.Value;
        }

        telemetry.Completed.Add(1, new KeyValuePair<string, object?>("cached", false));
        await NotifyAsync(job, JobStatus.Completed, 100, JobStages.Done);
        if (job.CacheKey is not null)
        {
            using var _ = JobsTelemetry.Source.StartActivity("cache store");
            await cache.SetAsync(job.CacheKey, new CachedResult(documentId, tailored.Match.Score, tailored.Match.Matched, tailored.Match.Missing));
        }

        return "completed";
    }

    /// <summary>
    /// Document INSERT and COMPLETED in one statement, so atomically and in one round trip (EF's
    /// SaveChanges in a transaction took five: savepoint, INSERT, release, UPDATE, commit). The
    /// document is written only if this delivery still owns the job; null when it no longer does
    /// (cancelled, or taken over by a later delivery), and then no orphan document exists.
    /// </summary>
    private async Task<Guid?> StoreAsync(ResumeDbContext db, ResumeJob job, TailoredResume tailored, Core.Rendering.RenderedDocument document, CancellationToken ct)
    {
        var match = tailored.Match;
        var documentId = Guid.CreateVersion7();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(document.Content));
        var now = clock.GetUtcNow();
        var matched = match.Matched.ToList();
        var missing = match.Missing.ToList();
        var completed = await db.Database.ExecuteSqlAsync($"""
            WITH owned AS (
                SELECT id FROM resume_jobs
                WHERE id = {job.Id} AND status = {JobStatus.Processing} AND attempts = {job.Attempts}
                FOR UPDATE
            ), document AS (
                INSERT INTO resume_documents (id, content, content_type, created_at, file_name, sha256, size)
                SELECT {documentId}, {document.Content}, {document.ContentType}, {now}, {document.FileName}, {sha256}, {document.Content.LongLength}
                FROM owned
                RETURNING id
            )
            UPDATE resume_jobs
            SET status = {JobStatus.Completed}, progress = 100, stage = {JobStages.Done}, document_id = document.id,
                error = NULL, note = {tailored.Note}, lease_expires_at = NULL, match_score = {match.Score},
                matched_keywords = {matched}, missing_keywords = {missing}, completed_at = {now}
            FROM document
            WHERE resume_jobs.id = {job.Id}
            """, ct);
        return completed == 1 ? documentId : null;
    }

    private async Task<bool> RetryOrFailAsync(ResumeDbContext db, ResumeJob job, JobMessage message, string error, string reason)
    {
        if (job.Attempts >= _options.MaxAttempts)
        {
            await FailAsync(db, job, $"Failed after {job.Attempts} attempts: {error}", reason, deadLetter: true);
            return true;
        }

        var delay = RetryPolicy.Delay(job.Attempts, _options.RetryBaseDelay, _options.RetryMaxDelay, Random.Shared.NextDouble());
        var requeued = await db.ResumeJobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.Processing && j.Attempts == job.Attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Pending)
                .SetProperty(j => j.Progress, 0)
                .SetProperty(j => j.Stage, $"retrying in {delay.TotalSeconds:0.#} s")
                .SetProperty(j => j.Error, Truncate(error))
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
        if (requeued == 1)
        {
            await queue.ScheduleRetryAsync(message with { EnqueuedAt = clock.GetUtcNow() + delay }, clock.GetUtcNow() + delay);
            telemetry.Retried.Add(1, new KeyValuePair<string, object?>("reason", reason));
            await NotifyAsync(job, JobStatus.Pending, 0, $"retrying in {delay.TotalSeconds:0.#} s", error);
        }

        return true;
    }

    /// <summary>Shutdown: put the job back as PENDING under a fresh entry so another worker starts it now, not after the reclaim timeout.</summary>
    private async Task<bool> HandBackAsync(ResumeDbContext db, ResumeJob job, JobMessage message)
    {
        var handedBack = await db.ResumeJobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.Processing && j.Attempts == job.Attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Pending)
                .SetProperty(j => j.Attempts, j => j.Attempts - 1)
                .SetProperty(j => j.Progress, 0)
                .SetProperty(j => j.Stage, JobStages.Queued)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
        if (handedBack == 1)
        {
            await queue.EnqueueAsync(message);
            logger.LogInformation("Handed job {JobId} back to the queue on shutdown", job.Id);
        }

        return true;
    }

    private async Task FailAsync(ResumeDbContext db, ResumeJob job, string error, string reason, bool deadLetter)
    {
        var failed = await db.ResumeJobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.Processing && j.Attempts == job.Attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Failed)
                .SetProperty(j => j.Stage, JobStages.Failed)
                .SetProperty(j => j.Error, Truncate(error))
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(j => j.CompletedAt, clock.GetUtcNow()), CancellationToken.None);
        if (failed == 0)
        {
            return;
        }

        telemetry.Failed.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (deadLetter)
        {
            await queue.DeadLetterAsync(job.Id, job.Attempts, error, clock.GetUtcNow());
            telemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }

        await NotifyAsync(job, JobStatus.Failed, job.Progress, JobStages.Failed, error);
    }

    private Task NotifyAsync(ResumeJob job, string status, int progress, string stage, string? error = null) =>
        notifier.PublishAsync(job.OwnerId, new JobProgress(job.Id, status, progress, stage, error));

    private static string Truncate(string error) => error.Length > 2000 ? error[..2000] : error;

    private static async Task<T> StepAsync<T>(string name, Func<Task<T>> step)
    {
        using var activity = JobsTelemetry.Source.StartActivity(name);
        try
        {
            return await step();
        }
        catch (Exception e) when (activity is not null)
        {
            activity.AddException(e);
            activity.SetStatus(ActivityStatusCode.Error, e is OperationCanceledException ? "cancelled" : e.Message);
            throw;
        }
    }
}
