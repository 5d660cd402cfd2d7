namespace ResumeAspire.Api.Admin;

/// <summary>The old system's Flower page, as JSON: what the queue holds and how the last hour went.</summary>
public sealed record QueueOverview(
    DateTimeOffset GeneratedAt,
    QueueOverview.StreamState Stream,
    IReadOnlyList<QueueOverview.Consumer> Consumers,
    QueueOverview.JobCounts Jobs,
    QueueOverview.LastHourCounts LastHour,
    string? DashboardUrl)
{
    /// <param name="Pending">Delivered to a worker and not yet acknowledged.</param>
    public sealed record StreamState(string Name, long Length, long Pending, long Delayed, long DeadLetters);

    /// <param name="InFlight">Jobs the worker reports running; null when it has not reported.</param>
    public sealed record Consumer(string Name, long Pending, long IdleMs, int? InFlight, DateTimeOffset? LastSeen);

    public sealed record JobCounts(int Pending, int Processing);

    /// <param name="CacheHitRate">Cached completions over all completions; null without completions.</param>
    /// <param name="FailureRate">Failures over completions plus failures; null when neither happened.</param>
    public sealed record LastHourCounts(int Completed, int Failed, int Cancelled, int Cached, double? CacheHitRate, double? FailureRate);
}
