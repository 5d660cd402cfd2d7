using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every ResumeAspire service shares: OpenTelemetry over OTLP, health endpoints,
/// service discovery and resilient HttpClients.
/// </summary>
public static class Extensions
{
    /// <summary>The ActivitySource and Meter name of the job pipeline (see DESIGN.md, "Tracing and metrics").</summary>
    public const string JobsTelemetryName = "ResumeAspire.Jobs";

    /// <summary>Share of traces recorded, 0 to 1 (default 1): a busy production system records a sample, not every request.</summary>
    public const string TraceSampleRatioKey = "Telemetry:TraceSampleRatio";

    /// <summary>
    /// Most traces a process starts per second over time (default 10; 0 = no limit), on top of the
    /// ratio, with bursts of up to <see cref="TraceBurstKey"/> recorded whole. A quiet system records
    /// every request; under load the cost of tracing (spans in the service, their export, the
    /// backend's ingestion) stays bounded instead of growing with traffic.
    /// </summary>
    public const string MaxTracesPerSecondKey = "Telemetry:MaxTracesPerSecond";

    /// <summary>Traces a process may start at once before <see cref="MaxTracesPerSecondKey"/> applies (default 100).</summary>
    public const string TraceBurstKey = "Telemetry:TraceBurst";

    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Categories that log a line per request or per SQL command at Information: on a healthy
    /// system that is all the log would say. Quiet unless configuration (Logging:LogLevel) names them.
    /// </summary>
    private static readonly string[] ChattyCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Routing.EndpointMiddleware",
        "Microsoft.AspNetCore.Http.Result",
        "Microsoft.EntityFrameworkCore.Database.Command",
        "Microsoft.EntityFrameworkCore.Update",
        "System.Net.Http.HttpClient",
        "Polly",
    ];

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        foreach (var category in ChattyCategories.Where(c => builder.Configuration[$"Logging:LogLevel:{c}"] is null))
        {
            builder.Logging.AddFilter(category, LogLevel.Warning);
        }

        var sampleRatio = builder.Configuration.GetValue(TraceSampleRatioKey, 1.0);
        if (sampleRatio is < 0 or > 1 || double.IsNaN(sampleRatio))
        {
            throw new InvalidOperationException($"{TraceSampleRatioKey} must be between 0 and 1; it is {sampleRatio}.");
        }

        var maxTracesPerSecond = builder.Configuration.GetValue(MaxTracesPerSecondKey, 10);
        if (maxTracesPerSecond < 0)
        {
            throw new InvalidOperationException($"{MaxTracesPerSecondKey} must be 0 (no limit) or more; it is {maxTracesPerSecond}.");
        }

        var traceBurst = builder.Configuration.GetValue(TraceBurstKey, 100);
        if (traceBurst < 1)
        {
            throw new InvalidOperationException($"{TraceBurstKey} must be 1 or more; it is {traceBurst}.");
        }

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(JobsTelemetryName))
            .WithTracing(tracing => tracing
                // Parent-based: a job's worker spans follow the decision made for its enqueue
                // request (the traceparent in the stream entry carries it), so a trace is whole or absent.
                .SetSampler(new ParentBasedSampler(new BackgroundClientSpanSampler(sampleRatio, maxTracesPerSecond, traceBurst)))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(JobsTelemetryName)
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes arrive every few seconds and would bury the job traces.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath) &&
                        !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: every check must pass (ready). <c>/alive</c>: only the "live" checks,
    /// so a database outage does not get a healthy process restarted.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        });
        return app;
    }

    /// <summary>
    /// The decision for spans that start a trace. Client spans that do (the worker's idle
    /// XREADGROUP polls, the sweeper's and retention's SQL) are dropped: they arrive every second
    /// with no request or job around them and would bury the job traces; a client call made for a
    /// request or a job has a parent and follows it. Other roots are recorded at
    /// <paramref name="ratio"/>, by trace id, and through a token bucket: up to
    /// <paramref name="burst"/> at once, refilled at <paramref name="maxPerSecond"/> a second
    /// (0: no limit).
    /// </summary>
    public sealed class BackgroundClientSpanSampler(double ratio = 1.0, int maxPerSecond = 0, int burst = 100, TimeProvider? time = null) : Sampler
    {
        private readonly Sampler _roots = ratio >= 1.0 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(ratio);
        private readonly TimeProvider _time = time ?? TimeProvider.System;
        private readonly double _capacity = burst >= 1 ? burst : throw new ArgumentOutOfRangeException(nameof(burst), burst, "A burst of at least one trace.");
        private readonly Lock _gate = new();
        private double _tokens = burst;
        // Field initializers cannot read _time; the same provider, so timestamps compare.
        private long _refilledAt = (time ?? TimeProvider.System).GetTimestamp();

        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
        {
            if (samplingParameters.ParentContext == default && samplingParameters.Kind == System.Diagnostics.ActivityKind.Client)
            {
                return new SamplingResult(SamplingDecision.Drop);
            }

            var decision = _roots.ShouldSample(samplingParameters);
            return decision.Decision == SamplingDecision.Drop || maxPerSecond == 0 || TakeOne()
                ? decision
                : new SamplingResult(SamplingDecision.Drop);
        }

        // A bucket, not a window per second: a burst of a few dozen requests on a quiet system
        // (a user signing in and generating) is recorded whole, while sustained load gets the rate.
        // The lock is held for a few arithmetic operations, once per new trace.
        private bool TakeOne()
        {
            var now = _time.GetTimestamp();
            lock (_gate)
            {
                var elapsed = (double)(now - _refilledAt) / _time.TimestampFrequency;
                if (elapsed > 0)
                {
                    _tokens = Math.Min(_capacity, _tokens + elapsed * maxPerSecond);
                    _refilledAt = now;
                }

                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
