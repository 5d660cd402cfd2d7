namespace ResumeAspire.Api.Admin;

/// <summary><c>GET /api/admin/queue</c>: the queue overview, for admins only (others get 403).</summary>
public static class QueueOverviewApi
{
    public static IEndpointRouteBuilder MapQueueOverviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/queue", async (QueueOverviewReader reader, CancellationToken ct) => TypedResults.Ok(await reader.ReadAsync(ct)))
            .WithTags("Admin")
            .RequireAuthorization(AdminUsers.Policy);
        return app;
    }
}
