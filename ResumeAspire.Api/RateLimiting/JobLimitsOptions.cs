using System.ComponentModel.DataAnnotations;

namespace ResumeAspire.Api.RateLimiting;

/// <summary>Per-user limits on the generation endpoints (section <c>Limits</c>).</summary>
public sealed class JobLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Async enqueues per user per <see cref="Window"/>.</summary>
    [Range(1, 1_000_000)]
    public int EnqueuePermits { get; set; } = 120;

    /// <summary>Synchronous generations per user per <see cref="Window"/>: each one holds a request thread.</summary>
    [Range(1, 1_000_000)]
    public int SyncPermits { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>PENDING + PROCESSING jobs one user may have at once.</summary>
    [Range(1, 100_000)]
    public int MaxInFlightPerUser { get; set; } = 100;

    /// <summary>
    /// Enqueues the Api runs at once, over all users; the rest wait for a slot in arrival order.
    /// At 2,000 connections on 2 cores, 256 gave the most enqueues/s and the lowest p99; 64 saved
    /// more memory but made the group inserts small (bench/README.md).
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentEnqueues { get; set; } = 256;

    /// <summary>Enqueues that may wait for a slot; one more is answered 503 with Retry-After.</summary>
    [Range(0, 1_000_000)]
    public int EnqueueQueueLimit { get; set; } = 10_000;

    /// <summary>What a 429 for the in-flight cap tells the client to wait.</summary>
    public TimeSpan InFlightRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
