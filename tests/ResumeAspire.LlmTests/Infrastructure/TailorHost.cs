using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ResumeAspire.Core;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.RateLimiting;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.LlmTests.Infrastructure;

/// <summary>
/// A started host composed as the Worker composes itself (service defaults, Redis through the
/// Aspire client, the global LLM rate limiter, <c>AddResumeGeneration</c> and
/// <c>AddResumeTailoring</c>), configured only from the settings given: tests do not see the
/// machine's environment. Each host gets its own cache prefix and rate-limit key.
/// </summary>
public sealed class TailorHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TailorHost(IHost host, string cachePrefix, string rateLimitKey)
    {
        _host = host;
        CachePrefix = cachePrefix;
        RateLimitKey = rateLimitKey;
    }

    public IServiceProvider Services => _host.Services;

    public IResumeTailor Tailor => Services.GetRequiredService<IResumeTailor>();

    public string CachePrefix { get; }

    public string RateLimitKey { get; }

    /// <summary>Settings that keep tests fast: short back-off without jitter, short timeouts, a circuit that does not open unless a test asks.</summary>
    public static Dictionary<string, string?> FastSettings() => new()
    {
        ["Llm:Resilience:Retry:MaxRetryAttempts"] = "2",
        ["Llm:Resilience:Retry:Delay"] = "00:00:00.050",
        ["Llm:Resilience:Retry:UseJitter"] = "false",
        ["Llm:Resilience:AttemptTimeout:Timeout"] = "00:00:05",
        ["Llm:Resilience:TotalRequestTimeout:Timeout"] = "00:00:20",
        ["Llm:Resilience:CircuitBreaker:MinimumThroughput"] = "1000",
        ["Llm:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:30",
        ["Llm:Timeout"] = "00:00:30",
    };

    public static string ConnectionStringFor(FakeOpenAIServer server) => $"Endpoint={server.Endpoint};Key=test-key;Model=fake-model";

    public static async Task<TailorHost> StartAsync(RedisFixture redis, string? openAiConnectionString, IDictionary<string, string?>? settings = null)
    {
        var unique = Guid.NewGuid().ToString("N");
        var cachePrefix = $"test:{unique}:llm:";
        var rateLimitKey = $"test:{unique}:ratelimit";
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["ConnectionStrings:openai"] = openAiConnectionString,
            ["Llm:CacheKeyPrefix"] = cachePrefix,
            [$"{DistributedRateLimiterOptions.Section}:Key"] = rateLimitKey,
            [$"{DistributedRateLimiterOptions.Section}:PermitsPerWindow"] = "1000",
        };
        foreach (var (key, value) in settings ?? FastSettings())
        {
            values[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Test" });
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddServiceDefaults();

        // What AddResumeData registers for Redis and the rate limiter (without PostgreSQL, which tailoring never touches).
        builder.AddRedisClient("redis");
        builder.Services.AddOptions<DistributedRateLimiterOptions>()
            .Bind(builder.Configuration.GetSection(DistributedRateLimiterOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisRateLimiter>();

        builder.Services.AddResumeGeneration();
        builder.AddResumeTailoring();

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TailorHost(host, cachePrefix, rateLimitKey);
    }

    public Task<TailoredResume> TailorAsync(string jobDescription, CandidateProfile? candidate = null, CancellationToken cancellationToken = default) =>
        Tailor.TailorAsync(candidate ?? Samples.Candidate, "JOB-001", jobDescription, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
