using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Generation;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.RateLimiting;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;
using ResumeAspire.Core.Tailoring.Llm;
using ResumeAspire.Core.Telemetry;

namespace ResumeAspire.Core;

public static class HostingExtensions
{
    /// <summary>
    /// PostgreSQL and Redis through the Aspire client integrations: connection strings
    /// <c>resumedb</c> and <c>redis</c>, with their health checks and telemetry.
    /// </summary>
    /// <param name="defaultMaxPoolSize">
    /// This process's share of PostgreSQL's connections unless <c>Database:MaxPoolSize</c> says
    /// otherwise: replicas × pool of every service must stay below <c>max_connections</c>.
    /// </param>
    public static IHostApplicationBuilder AddResumeData(this IHostApplicationBuilder builder, int defaultMaxPoolSize)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        // EF's retrying execution strategy is off: it forbids the worker's explicit transaction, and
        // the job pipeline has its own retries; an Api request fails fast with a 503 instead of hanging.
        builder.AddNpgsqlDbContext<ResumeDbContext>("resumedb",
            settings =>
            {
                settings.DisableRetry = true;
                if (!string.IsNullOrEmpty(settings.ConnectionString))
                {
                    settings.ConnectionString = database.Apply(settings.ConnectionString, defaultMaxPoolSize);
                }
            },
            ResumeDbContextOptions.Configure);
        builder.Services.AddSingleton<RawConnections>();
        // Redis command spans come from RedisCommandTracing, which profiles recorded spans only.
        builder.AddRedisClient("redis", settings => settings.DisableTracing = true);
        builder.Services.AddSingleton<RedisCommandTracing>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RedisCommandTracing>());
        builder.Services.AddSingleton<WakePublisher>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<JobProgressNotifier>();
        builder.Services.AddOptions<ResultCacheOptions>().Bind(builder.Configuration.GetSection(ResultCacheOptions.Section));
        builder.Services.AddSingleton<ResultCache>();
        // The global LLM call budget, shared by every worker through Redis; the LLM tailor takes a permit per call.
        builder.Services.AddOptions<DistributedRateLimiterOptions>()
            .Bind(builder.Configuration.GetSection(DistributedRateLimiterOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<JobsTelemetry>();
        builder.Services.AddSingleton<RedisRateLimiter>();
        return builder;
    }

    public static IServiceCollection AddResumeGeneration(this IServiceCollection services)
    {
        services.TryAddSingleton<JobsTelemetry>();
        // TryAdd: AddResumeTailoring may have put the LLM tailor in place already.
        services.TryAddSingleton<IResumeTailor, KeywordTailor>();
        services.AddSingleton<IResumeRenderer, WordResumeRenderer>();
        services.AddSingleton<IResumeRenderer, PdfResumeRenderer>();
        services.AddSingleton<ResumeGenerator>();
        return services;
    }

    /// <summary>
    /// The LLM tailor (Microsoft.Extensions.AI over an OpenAI-compatible endpoint) when connection
    /// string <c>openai</c> is set; otherwise nothing changes and the offline
    /// <see cref="KeywordTailor"/> of <see cref="AddResumeGeneration"/> stays. It uses what
    /// <see cref="AddResumeData"/> registers (Redis, the global LLM rate limiter); the order of the
    /// three calls does not matter.
    /// </summary>
    public static IHostApplicationBuilder AddResumeTailoring(this IHostApplicationBuilder builder)
    {
        if (LlmTailoringRegistration.IsConfigured(builder.Configuration))
        {
            LlmTailoringRegistration.Add(builder);
        }

        return builder;
    }
}
