using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// The standard resilience handler's settings for LLM calls, applied before section
/// <c>Llm:Resilience</c> (which binds onto <see cref="HttpStandardResilienceOptions"/>, e.g.
/// <c>Llm:Resilience:AttemptTimeout:Timeout</c>). The library's defaults suit quick API calls
/// (10 s per attempt, 30 s in all); a model writing a resume needs tens of seconds.
/// </summary>
public static class LlmResilienceDefaults
{
    public const string Section = "Llm:Resilience";

    public static void Apply(HttpStandardResilienceOptions options)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(40);
        // Under Llm:Timeout (90 s), so the resilience pipeline gives up before the tailor's own budget does.
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(85);

        // Exponential back-off with jitter; a Retry-After header (429, 503) replaces the computed delay.
        options.Retry.MaxRetryAttempts = 3;
        options.Retry.Delay = TimeSpan.FromSeconds(2);
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.ShouldRetryAfterHeader = true;

        // Open after half of at least 4 attempts failed within 90 s (the library requires at
        // least twice the attempt timeout), then refuse calls for 30 s instead of waiting on a
        // provider that is down: the offline engine answers meanwhile.
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(90);
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.MinimumThroughput = 4;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
    }
}
