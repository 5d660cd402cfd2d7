using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Generation;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Telemetry;

namespace ResumeAspire.Worker;

/// <summary>
/// Runs one delivery of a job <see cref="JobClaimer"/> claimed: tailor → render → store →
/// COMPLETED, or a retry, a dead letter, a cancellation or a hand-back. Every transition is a
/// conditional UPDATE on the current status and attempt, so a redelivered message cannot complete
/// a job twice and a cancelled job is never revived.
/// </summary>
public sealed class JobProcessor(
    IServiceScopeFactory scopes,
    ResumeGenerator generator,
    JobQueue queue,
    JobProgressNotifier notifier,
    ResultCache cache,
    JobCompletionWriter completions,
    JobsTelemetry telemetry,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<JobProcessor> logger)
{
    private readonly WorkerOptions _options = options.Value;

    /// <param name="job">What the claim returned for this delivery; null when it claimed nothing (the job is final, or another live delivery owns it).</param>
    /// <param name="claimedAt">When the claim ran: the start of this attempt.</param>
    /// <param name="drain">Cancelled when the worker is shutting down and may wait no longer.</param>
    public async Task<DeliveryOutcome> ProcessAsync(JobDelivery delivery, ClaimedJob? job, DateTimeOffset claimedAt, CancellationToken drain)
    {
        if (job is null)
        {
            return DeliveryOutcome.Acknowledge;
        }

        var (message, activity) = (delivery.Message, delivery.Activity);
        activity?.SetTag("resume.job.attempt", job.Attempts);
        // The user id, never the email; no job description or resume text ever goes into a log.
        // TraceId and SpanId come from the host's activity tracking scope (the process span is current).
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["UserId"] = job.OwnerId });
        telemetry.QueueWait.Record(Math.Max(0, (claimedAt - message.EnqueuedAt).TotalSeconds));

        if (job.Attempts > _options.MaxAttempts)
        {
            // Every earlier delivery died without an answer (worker crashes): stop trying.
            await FailAsync(job, $"Gave up after {_options.MaxAttempts} attempts: the worker stopped during each one.", "attempts_exhausted", deadLetter: true);
            return DeliveryOutcome.AcknowledgeFinal;
        }

        var cancelled = delivery.Cancelled;
        using var timeout = new CancellationTokenSource(_options.JobTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancelled.Token, timeout.Token, drain);
        try
        {
            var outcome = await RunAsync(job, linked.Token);
            RecordDuration(outcome);
            return DeliveryOutcome.AcknowledgeFinal;
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
        {
            RecordDuration("cancelled");
            logger.LogInformation("Job {JobId} was cancelled while running", job.Id);
            return DeliveryOutcome.AcknowledgeFinal;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            RecordDuration("timeout");
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            return await RetryOrFailAsync(job, message, $"Timed out after {_options.JobTimeout.TotalSeconds:0} s.", "timeout");
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            return await HandBackAsync(job, message);
        }
        catch (PermanentJobException e)
        {
            RecordDuration("permanent");
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await FailAsync(job, e.Message, "permanent", deadLetter: true);
            return DeliveryOutcome.AcknowledgeFinal;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RecordDuration("error");
            logger.LogWarning(e, "Attempt {Attempt} of job {JobId} failed", job.Attempts, job.Id);
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            return await RetryOrFailAsync(job, message, e.Message, "error");
        }

        // Every attempt is measured, failed ones too: slow failures are what an SRE looks for.
        void RecordDuration(string outcome) =>
            telemetry.Duration.Record((clock.GetUtcNow() - claimedAt).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    private async Task<string> RunAsync(ClaimedJob job, CancellationToken ct)
    {
        // The claim already recorded "tailoring" and brought the candidate: tailoring (an LLM call
        // perhaps) is where a job spends its time, so a client that polls sees that stage. Later
        // stages go to live listeners only, not to PostgreSQL; the final conditional write still
        // refuses to complete a job this delivery no longer owns, and a cancel arrives as a token.
        var candidate = job.Candidate ?? throw new PermanentJobException("The candidate was deleted before the resume was generated.");
        Notify(job, JobStatus.Processing, 20, JobStages.Tailoring);

        var tailored = await StepAsync("tailor", () => generator.TailorAsync(candidate, job.JobRef, job.JobDescription, ct));
        Notify(job, JobStatus.Processing, 60, JobStages.Rendering);
        var document = await StepAsync("render", () => Task.FromResult(generator.Render(tailored, job.FileType, job.Template)));
        ct.ThrowIfCancellationRequested();
        Notify(job, JobStatus.Processing, 85, JobStages.Storing);

        Guid documentId;
        using (var store = JobsTelemetry.Source.StartActivity("store"))
        {
            // Not cancellable: once handed to the group commit the row is written or refused, and
            // this delivery must know which before its entry may be acknowledged.
            var completion = new JobCompletion(job, tailored, document, store);
            if (!await completions.CompleteAsync(completion))
            {
                return "cancelled";
            }

            documentId = completion.DocumentId;
        }

        telemetry.Completed.Add(1, new KeyValuePair<string, object?>("cached", false));
        Notify(job, JobStatus.Completed, 100, JobStages.Done);
        if (job.CacheKey is not null)
        {
            using var _ = JobsTelemetry.Source.StartActivity("cache store");
            cache.Set(job.CacheKey, new CachedResult(documentId, tailored.Match.Score, tailored.Match.Matched, tailored.Match.Missing));
        }

        return "completed";
    }

    private async Task<DeliveryOutcome> RetryOrFailAsync(ClaimedJob job, JobMessage message, string error, string reason)
    {
        if (job.Attempts >= _options.MaxAttempts)
        {
            await FailAsync(job, $"Failed after {job.Attempts} attempts: {error}", reason, deadLetter: true);
            return DeliveryOutcome.AcknowledgeFinal;
        }

        var delay = RetryPolicy.Delay(job.Attempts, _options.RetryBaseDelay, _options.RetryMaxDelay, Random.Shared.NextDouble());
        var requeued = await UpdateIfOwnedAsync(job, s => s
            .SetProperty(j => j.Status, JobStatus.Pending)
            .SetProperty(j => j.Progress, 0)
            .SetProperty(j => j.Stage, $"retrying in {delay.TotalSeconds:0.#} s")
            .SetProperty(j => j.Error, Truncate(error))
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null));
        if (requeued)
        {
            await queue.ScheduleRetryAsync(message with { EnqueuedAt = clock.GetUtcNow() + delay }, clock.GetUtcNow() + delay);
            telemetry.Retried.Add(1, new KeyValuePair<string, object?>("reason", reason));
            Notify(job, JobStatus.Pending, 0, $"retrying in {delay.TotalSeconds:0.#} s", error);
        }

        // Re-queued under a new entry (or no longer this delivery's): this one is done with.
        return DeliveryOutcome.Acknowledge;
    }

    /// <summary>Shutdown: put the job back as PENDING under a fresh entry so another worker starts it now, not after the reclaim timeout.</summary>
    private async Task<DeliveryOutcome> HandBackAsync(ClaimedJob job, JobMessage message)
    {
        var handedBack = await UpdateIfOwnedAsync(job, s => s
            .SetProperty(j => j.Status, JobStatus.Pending)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.Progress, 0)
            .SetProperty(j => j.Stage, JobStages.Queued)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null));
        if (handedBack)
        {
            await queue.EnqueueAsync(message);
            logger.LogInformation("Handed job {JobId} back to the queue on shutdown", job.Id);
        }

        return DeliveryOutcome.Acknowledge;
    }

    private async Task FailAsync(ClaimedJob job, string error, string reason, bool deadLetter)
    {
        var failed = await UpdateIfOwnedAsync(job, s => s
            .SetProperty(j => j.Status, JobStatus.Failed)
            .SetProperty(j => j.Stage, JobStages.Failed)
            .SetProperty(j => j.Error, Truncate(error))
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
            .SetProperty(j => j.CompletedAt, clock.GetUtcNow()));
        if (!failed)
        {
            return;
        }

        telemetry.Failed.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (deadLetter)
        {
            await queue.DeadLetterAsync(job.Id, job.Attempts, error, clock.GetUtcNow());
            telemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }

        Notify(job, JobStatus.Failed, job.Progress, JobStages.Failed, error);
    }

    /// <summary>
    /// A transition off PROCESSING, only while this delivery still owns the job (same status and
    /// attempt). These are the rare paths, so EF; the hot path is <see cref="JobCompletionWriter"/>.
    /// </summary>
    private async Task<bool> UpdateIfOwnedAsync(ClaimedJob job, Action<UpdateSettersBuilder<ResumeJob>> set)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResumeDbContext>();
        var updated = await db.ResumeJobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.Processing && j.Attempts == job.Attempts)
            .ExecuteUpdateAsync(set, CancellationToken.None);
        return updated == 1;
    }

    // Pipelined, not awaited: progress is also in PostgreSQL (or final there), so a lost
    // notification only delays the UI until its next poll; one connection keeps them in order.
    private void Notify(ClaimedJob job, string status, int progress, string stage, string? error = null) =>
        notifier.Publish(job.OwnerId, new JobProgress(job.Id, status, progress, stage, error));

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
