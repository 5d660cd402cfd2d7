using System.ClientModel;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>A short, key-free reason for a failed LLM call, for the job's note, the log and the metric.</summary>
internal static class LlmFailure
{
    /// <summary>The reason in words and a low-cardinality code for the metric.</summary>
    public static (string Reason, string Code) Describe(Exception exception)
    {
        // The SDK and HttpClient wrap what the resilience pipeline threw: look through the chain.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BrokenCircuitException:
                    return ("the circuit breaker is open after repeated failures", "circuit_open");
                case TimeoutRejectedException:
                    return ("the endpoint did not answer in time", "timeout");
                case ClientResultException { Status: > 0 } result:
                    return ($"the endpoint answered HTTP {result.Status}", $"http_{result.Status}");
                case HttpRequestException:
                    return ("the endpoint could not be reached", "unreachable");
                case RedisException:
                    return ("Redis (rate limit or cache) is unavailable", "redis");
                case JsonException:
                    return ("the endpoint's response was not valid JSON", "malformed");
            }
        }

        return ($"the call failed ({exception.GetType().Name})", "error");
    }
}
