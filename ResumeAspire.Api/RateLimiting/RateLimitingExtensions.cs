using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ResumeAspire.Api.Infrastructure;

namespace ResumeAspire.Api.RateLimiting;

public static class RateLimitingExtensions
{
    public const string EnqueuePolicy = "enqueue";
    public const string SyncGenerationPolicy = "generate-sync";

    /// <summary>Fixed-window limits partitioned by user, answered with 429, Retry-After and a problem body.</summary>
    public static IServiceCollection AddJobRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                await TooManyRequests(retryAfter, "You are sending requests too fast; wait before trying again.")
                    .ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(EnqueuePolicy, http => PerUser(http, o => o.EnqueuePermits));
            limiter.AddPolicy(SyncGenerationPolicy, http => PerUser(http, o => o.SyncPermits));
        });
        return services;
    }

    /// <summary>A 429 problem with a Retry-After header (whole seconds, rounded up, as RFC 9110 wants).</summary>
    public static IResult TooManyRequests(TimeSpan retryAfter, string detail) => new RetryAfterResult(retryAfter,
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: detail));

    private static RateLimitPartition<string> PerUser(HttpContext http, Func<JobLimitsOptions, int> permits)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JobLimitsOptions>>().Value;
        var user = http.User.Identity?.IsAuthenticated == true ? http.User.UserId() : $"ip:{http.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private sealed class RetryAfterResult(TimeSpan retryAfter, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
