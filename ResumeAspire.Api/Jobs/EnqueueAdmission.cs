using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ResumeAspire.Api.RateLimiting;
using ResumeAspire.Core.Telemetry;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// Lets at most <see cref="JobLimitsOptions.MaxConcurrentEnqueues"/> enqueues run at once; the rest
/// wait in arrival order before their bodies are read. Without it every open connection ran its
/// enqueue at once: at 2,000 connections, 2,000 parsed postings, jobs and connection-pool waits
/// lived long enough to reach gen2, and the Api's heap grew with the connection count.
/// Past <see cref="JobLimitsOptions.EnqueueQueueLimit"/> waiting requests the answer is 503 with
/// Retry-After: nothing was changed, so a retry is safe.
/// </summary>
public sealed class EnqueueAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public EnqueueAdmission(IOptions<JobLimitsOptions> options, JobsTelemetry telemetry)
    {
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MaxConcurrentEnqueues,
            QueueLimit = options.Value.EnqueueQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        telemetry.Meter.CreateObservableGauge("resume.enqueue.admission.waiting", () => Waiting,
            "{request}", "Enqueue requests waiting for a free enqueue slot");
    }

    /// <summary>The endpoint metadata that puts a route behind this admission.</summary>
    public sealed class Required
    {
        public static readonly Required Instance = new();

        private Required()
        {
        }
    }

    /// <summary>Enqueues waiting for a slot now.</summary>
    public long Waiting => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken ct) => _limiter.AcquireAsync(1, ct);

    public void Dispose() => _limiter.Dispose();
}

public static class EnqueueAdmissionExtensions
{
    public static RouteHandlerBuilder RequireEnqueueAdmission(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(EnqueueAdmission.Required.Instance);

    /// <summary>After the rate limiter: a user over their own limit is answered at once, without waiting for a slot.</summary>
    public static IApplicationBuilder UseEnqueueAdmission(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<EnqueueAdmission.Required>() is null)
        {
            await next(context);
            return;
        }

        var admission = context.RequestServices.GetRequiredService<EnqueueAdmission>();
        using var lease = await admission.AcquireAsync(context.RequestAborted);
        if (!lease.IsAcquired)
        {
            context.Response.Headers.RetryAfter = "1";
            await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy",
                detail: "Too many generation requests are waiting right now; nothing was changed. Try again shortly.").ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
