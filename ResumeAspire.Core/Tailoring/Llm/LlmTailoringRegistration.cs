using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace ResumeAspire.Core.Tailoring.Llm;

internal static class LlmTailoringRegistration
{
    /// <summary>True when connection string <c>openai</c> is set (an empty value counts as unset, as an optional app host parameter may give).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(LlmConnection.ConnectionStringName));

    /// <summary>
    /// Makes <see cref="LlmResumeTailor"/> the <see cref="IResumeTailor"/>. Needs what
    /// <c>AddResumeData</c> registers: the Redis multiplexer and the global <c>RedisRateLimiter</c>.
    /// A bad connection string or setting fails the start, not the first job.
    /// </summary>
    public static void Add(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<LlmOptions>()
            .Bind(configuration.GetSection(LlmOptions.Section))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(LlmConnection.ConnectionStringName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => LlmConnection.TryParse(sp.GetRequiredService<IOptions<LlmOptions>>().Value.ConnectionString, out var connection, out _)
            ? connection
            : throw new InvalidOperationException($"ConnectionStrings:{LlmConnection.ConnectionStringName} is invalid: see the options validation error at start-up."));

        var http = services.AddHttpClient(LlmChatPipeline.HttpClientName)
            // The resilience pipeline's timeouts govern; HttpClient's 100 s default would cut across them.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // The client is held for the life of the process: recycle connections so DNS changes are seen.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

        // ServiceDefaults puts the general-purpose standard handler on every client; LLM calls
        // need their own settings, and two stacked handlers would multiply the retries. The
        // method is marked experimental, but it is the documented way to replace that handler.
#pragma warning disable EXTEXP0001
        http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        var resilience = http.AddStandardResilienceHandler();
        resilience.Configure(LlmResilienceDefaults.Apply);
        resilience.Configure(configuration.GetSection(LlmResilienceDefaults.Section));
        // The library checks these settings (e.g. sampling duration at least twice the attempt
        // timeout) when the first call is made; checking them at start-up finds a bad value sooner.
        services.AddOptions<HttpStandardResilienceOptions>(resilience.PipelineName).ValidateOnStart();

        services.TryAddSingleton<LlmTailoringMetrics>();
        services.TryAddSingleton<LlmChatPipeline>();
        services.Replace(ServiceDescriptor.Singleton<IResumeTailor, LlmResumeTailor>());
    }
}
