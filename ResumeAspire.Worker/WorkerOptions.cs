using System.ComponentModel.DataAnnotations;

namespace ResumeAspire.Worker;

public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Jobs processed at once by this process.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;

    /// <summary>First idle back-off between empty reads; doubled up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest idle back-off; an enqueue's pub/sub wake-up cuts it short.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Unique per process unless set; two processes must never share one.</summary>
    public string? ConsumerName { get; set; }
}
