using ResumeAspire.Core.Data;

namespace ResumeAspire.Api.Auth;

public static class AuthApi
{
    /// <summary>ASP.NET Core Identity's endpoints (register, login, refresh, …) under <c>/api/auth</c>.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/auth")
            .WithTags("Auth")
            .MapIdentityApi<AppUser>();
        return app;
    }
}
