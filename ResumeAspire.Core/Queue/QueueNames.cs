namespace ResumeAspire.Core.Queue;

/// <summary>Redis keys and channels of the job queue (DESIGN.md, "Queue").</summary>
public static class QueueNames
{
    public const string Stream = "resume:jobs";
    public const string ConsumerGroup = "resume-workers";
    public const string DeadLetterStream = "resume:jobs:dead";

    /// <summary>Retries waiting out their back-off: sorted set, score = due time (Unix ms).</summary>
    public const string DelayedSet = "resume:jobs:delayed";

    /// <summary>
    /// Ids of jobs that have an entry in the stream or the delayed set. The lost-message sweeper
    /// re-publishes a PENDING job missing from it (Redis lost its data, or the Api died after INSERT).
    /// </summary>
    public const string QueuedSet = "resume:jobs:queued";

    /// <summary>The Api publishes a job id here on cancel; the worker running it aborts at once.</summary>
    public const string CancelChannel = "resume:jobs:cancel";

    /// <summary>Enqueue publishes here so idle workers poll at once instead of waiting out their back-off.</summary>
    public const string WakeChannel = "resume:jobs:wake";

    /// <summary>Hash of consumer name → <see cref="WorkerStatus"/> JSON, refreshed by every worker.</summary>
    public const string WorkerStatusHash = "resume:workers";

    public static string ProgressChannel(string userId) => $"resume:progress:{userId}";
}
