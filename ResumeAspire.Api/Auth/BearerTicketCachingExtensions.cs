using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ResumeAspire.Api.Auth;

public static class BearerTicketCachingExtensions
{
    /// <summary>
    /// Wraps Identity's bearer-token protector (set by its own options set-up, which runs before
    /// any post-configuration) in <see cref="CachedTicketFormat"/>. Refresh tokens are not cached:
    /// they are used once per hour, not once per request.
    /// </summary>
    public static IServiceCollection AddBearerTicketCache(this IServiceCollection services)
    {
        services.AddSingleton<BearerTicketCache>();
        services.AddSingleton<IPostConfigureOptions<BearerTokenOptions>>(sp => new PostConfigureOptions<BearerTokenOptions>(
            IdentityConstants.BearerScheme,
            options =>
            {
                if (options.BearerTokenProtector is not CachedTicketFormat)
                {
                    options.BearerTokenProtector = new CachedTicketFormat(
                        options.BearerTokenProtector, sp.GetRequiredService<BearerTicketCache>(), sp.GetRequiredService<TimeProvider>());
                }
            }));
        return services;
    }
}
