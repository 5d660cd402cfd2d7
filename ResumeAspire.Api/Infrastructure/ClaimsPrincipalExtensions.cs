using System.Security.Claims;

namespace ResumeAspire.Api.Infrastructure;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The Identity user id; endpoints calling this all require authorization, so it is present.</summary>
    public static string UserId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("An authenticated principal has no name identifier.");
}
