using System.ComponentModel.DataAnnotations;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// Settings of the LLM tailor (section <c>Llm</c>); the endpoint itself is connection string
/// <c>openai</c> (see <see cref="LlmConnection"/>) and the HTTP retries, circuit breaker and
/// timeouts are section <c>Llm:Resilience</c> (see <see cref="LlmResilienceDefaults"/>).
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    /// <summary>Copied from <c>ConnectionStrings:openai</c> so that start-up validation reports its errors.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The most one tailoring may spend on the LLM, waiting for a rate-limit permit included;
    /// past it the offline engine answers. Keep it under <c>Worker:JobTimeout</c> (120 s), or the
    /// job times out and is retried instead of completing with the offline resume.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:30:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long an answer is kept in the Redis cache for an identical request; zero turns the cache off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Prefix of the Redis keys of cached answers.</summary>
    [Required]
    [MinLength(1)]
    public string CacheKeyPrefix { get; set; } = "resume:llm:";

    /// <summary>Low by default: the task is rewriting facts, not inventing them. Empty leaves it to the model (reasoning models accept no temperature).</summary>
    [Range(0.0, 2.0)]
    public double? Temperature { get; set; } = 0.2;

    [Range(256, 32_000)]
    public int MaxOutputTokens { get; set; } = 2_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!LlmConnection.TryParse(ConnectionString, out _, out var errors))
        {
            foreach (var error in errors)
            {
                yield return new ValidationResult(error, [nameof(ConnectionString)]);
            }
        }
    }
}
