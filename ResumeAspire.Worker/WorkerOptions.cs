using System.ComponentModel.DataAnnotations;

namespace ResumeAspire.Worker;

public sealed class WorkerOptions : IValidatableObject
{
    public const string Section = "Worker";

    /// <summary>
    /// Jobs processed at once by this process. A job holds its slot while it waits for its claim
    /// and its group commit, not only while it computes: with 8 slots two cores drained 353
    /// jobs/s and were not full; 16 drained 442/s, 32 only 462/s (bench/README.md).
    /// </summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>
    /// Linux nice value of the Worker's threads (0 keeps the priority it was started with). At 19,
    /// the lowest priority, a Worker thread gets little CPU while an Api or PostgreSQL thread
    /// wants the same core, and all of it when no one else does (<see cref="CpuPriority"/>): on
    /// two shared cores this raised enqueues from 2,001/s to 2,416/s (bench/README.md).
    /// </summary>
    [Range(0, 19)]
    public int Nice { get; set; } = 19;

    /// <summary>First idle back-off between empty reads; doubled up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest idle back-off; an enqueue's pub/sub wake-up cuts it short.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Unique per process unless set; two processes must never share one.</summary>
    public string? ConsumerName { get; set; }

    /// <summary>Deliveries of one job before it is dead-lettered (a worker crash counts as one).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A job running longer is abandoned and retried.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Slack on top of <see cref="JobTimeout"/> before another worker may take a job over: the
    /// claim lease runs JobTimeout + LeaseMargin, the reclaimer waits JobTimeout + 2 × LeaseMargin.
    /// </summary>
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ReclaimInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan PromoteInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the lost-message sweeper looks for PENDING jobs missing from Redis.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A job must be this old before the sweeper considers it lost (enqueue takes milliseconds).</summary>
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On shutdown, running jobs get this long to finish before they are handed back to the queue.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the worker reports its consumer name and jobs in flight for the queue overview.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the queue gauges (stream length, pending, delayed, consumers) are refreshed from Redis.</summary>
    public TimeSpan QueueMetricsInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ReclaimMinIdle => JobTimeout + LeaseMargin + LeaseMargin;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("RetryBaseDelay must be positive and at most RetryMaxDelay.", [nameof(RetryBaseDelay), nameof(RetryMaxDelay)]);
        }

        if (JobTimeout <= TimeSpan.Zero || LeaseMargin <= TimeSpan.Zero)
        {
            yield return new ValidationResult("JobTimeout and LeaseMargin must be positive.", [nameof(JobTimeout), nameof(LeaseMargin)]);
        }

        if (MinPollInterval <= TimeSpan.Zero || MaxPollInterval < MinPollInterval)
        {
            yield return new ValidationResult("MinPollInterval must be positive and at most MaxPollInterval.", [nameof(MinPollInterval)]);
        }

        if (StatusInterval <= TimeSpan.Zero || QueueMetricsInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("StatusInterval and QueueMetricsInterval must be positive.", [nameof(StatusInterval), nameof(QueueMetricsInterval)]);
        }
    }
}
