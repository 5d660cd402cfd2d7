using ResumeAspire.Core;
using ResumeAspire.Core.Data;
using ResumeAspire.Worker.Retention;

namespace ResumeAspire.Worker;

public static class WorkerHostingExtensions
{
    /// <summary>
    /// Everything a worker process runs. Kept apart from Program.cs so a test host can run the
    /// same worker with one service swapped (e.g. a tailor that blocks until the test says go).
    /// </summary>
    public static IHostApplicationBuilder AddResumeWorker(this IHostApplicationBuilder builder)
    {
        // One connection per job slot, plus the sweeper, queue maintenance, retention and health checks.
        var concurrency = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>()?.Concurrency ?? new WorkerOptions().Concurrency;
        builder.AddResumeData(defaultMaxPoolSize: concurrency + 4);
        builder.Services.AddResumeGeneration();
        // The LLM tailor replaces the offline one only when ConnectionStrings:openai is configured.
        builder.AddResumeTailoring();

        builder.Services.AddOptions<WorkerOptions>()
            .Bind(builder.Configuration.GetSection(WorkerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>()
            .Bind(builder.Configuration.GetSection(RetentionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RetentionCleaner>();
        builder.Services.AddSingleton<WakeSignal>();
        builder.Services.AddSingleton<RunningJobs>();
        builder.Services.AddSingleton<JobClaimer>();
        builder.Services.AddSingleton<JobProcessor>();
        builder.Services.AddSingleton<LostJobSweeper>();

        // Registered first: hosted services start in order, so the schema exists before the consumer reads.
        builder.Services.AddHostedService<DatabaseMigrationService>();
        // Before the consumer, so they stop after it: its draining jobs still commit and acknowledge.
        builder.Services.AddSingleton<JobCompletionWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobCompletionWriter>());
        builder.Services.AddSingleton<StreamAcknowledger>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StreamAcknowledger>());
        builder.Services.AddSingleton<JobConsumer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobConsumer>());
        builder.Services.AddHostedService<QueueMaintenanceService>();
        builder.Services.AddHostedService<WorkerStatusPublisher>();
        builder.Services.AddHostedService<QueueMetrics>();
        // Part of /health (readiness): a worker outside the consumer group receives no jobs.
        builder.Services.AddHealthChecks().AddCheck<ConsumerGroupHealthCheck>(ConsumerGroupHealthCheck.Name);
        builder.Services.AddHostedService<RetentionService>();
        // Running jobs need time to finish or be handed back (WorkerOptions.ShutdownGrace) on SIGTERM.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }
}
