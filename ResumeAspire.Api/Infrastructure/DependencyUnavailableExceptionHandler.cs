using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using StackExchange.Redis;

namespace ResumeAspire.Api.Infrastructure;

/// <summary>
/// PostgreSQL or Redis down is a 503 with a problem body that says to retry, never a 500: the
/// request changed nothing that a retry would duplicate.
/// </summary>
public sealed class DependencyUnavailableExceptionHandler(ILogger<DependencyUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var dependency = Classify(exception);
        if (dependency is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning("{Dependency} is unavailable while serving {Path}: {Reason}", dependency, httpContext.Request.Path, exception.Message);
        httpContext.Response.Headers.RetryAfter = "5";
        await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service temporarily unavailable",
            detail: $"{dependency} is not reachable right now; nothing was changed. Try again shortly.").ExecuteAsync(httpContext);
        return true;
    }

    private static string? Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException { IsTransient: true }:
                    return "The database";
                case RedisException:
                case RedisTimeoutException:
                    return "The queue";
            }
        }

        return null;
    }
}
