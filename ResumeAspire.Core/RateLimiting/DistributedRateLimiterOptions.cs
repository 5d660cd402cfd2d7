using System.ComponentModel.DataAnnotations;

namespace ResumeAspire.Core.RateLimiting;

public sealed class DistributedRateLimiterOptions
{
    public const string Section = "LlmRateLimit";

    /// <summary>Permits granted across all processes within any <see cref="Window"/>.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerWindow { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The Redis key every sharing process uses; processes with different keys do not share a limit.</summary>
    [Required]
    [MinLength(1)]
    public string Key { get; set; } = "resume:ratelimit:llm";
}
