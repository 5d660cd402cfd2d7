using System.Security.Claims;
using Microsoft.Extensions.Options;
using ResumeAspire.Api.Admin;

namespace ResumeAspire.Api.Account;

/// <summary><c>GET /api/me</c>: who the token belongs to and what the web app may offer them.</summary>
public static class AccountApi
{
    public sealed record MeResponse(string Email, bool IsAdmin, string? DashboardUrl);

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (ClaimsPrincipal user, AdminUsers admins, IOptionsSnapshot<AdminOptions> options) =>
            {
                var isAdmin = admins.IsAdmin(user);
                var email = user.FindFirstValue(ClaimTypes.Email) ?? user.FindFirstValue(ClaimTypes.Name) ?? "";
                // The dashboard link is an operator's tool: only admins are told where it is.
                return TypedResults.Ok(new MeResponse(email, isAdmin, isAdmin ? options.Value.DashboardUrl : null));
            })
            .WithTags("Account")
            .RequireAuthorization();
        return app;
    }
}
