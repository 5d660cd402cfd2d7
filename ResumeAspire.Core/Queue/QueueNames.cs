namespace ResumeAspire.Core.Queue;

/// <summary>Redis keys and channels of the job queue (DESIGN.md, "Queue").</summary>
public static class QueueNames
{
    public const string Stream = "resume:jobs";
    public const string ConsumerGroup = "resume-workers";
    public const string DeadLetterStream = "resume:jobs:dead";

    /// <summary>Enqueue publishes here so idle workers poll at once instead of waiting out their back-off.</summary>
    public const string WakeChannel = "resume:jobs:wake";

    public static string ProgressChannel(string userId) => $"resume:progress:{userId}";
}
