using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ResumeAspire.Core.Data;
using StackExchange.Redis;

namespace ResumeAspire.Api.Health;

/// <summary><c>GET /api/healthz</c>, kept for the original system's clients and load balancers.</summary>
public static class HealthzApi
{
    public sealed record HealthzResponse(string Status, string Postgres, string Redis);

    public static IEndpointRouteBuilder MapHealthzApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/healthz", CheckAsync).WithTags("Health").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<HealthzResponse>, JsonHttpResult<HealthzResponse>>> CheckAsync(
        ResumeDbContext db, IConnectionMultiplexer redis, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));

        var postgres = await ProbeAsync(() => db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token));
        var redisState = await ProbeAsync(() => redis.GetDatabase().PingAsync());

        var healthy = postgres == "ok" && redisState == "ok";
        var body = new HealthzResponse(healthy ? "ok" : "unavailable", postgres, redisState);
        return healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string> ProbeAsync(Func<Task> probe)
    {
        try
        {
            await probe();
            return "ok";
        }
        catch (Exception)
        {
            // The reason belongs in the logs of the failing dependency, not in a public endpoint.
            return "unavailable";
        }
    }
}
