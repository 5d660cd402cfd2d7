using Microsoft.AspNetCore.Authorization;

namespace ResumeAspire.Api.Admin;

public static class AdminExtensions
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>()
            .Bind(configuration.GetSection(AdminOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AdminUsers>();
        services.AddSingleton<IAuthorizationHandler, AdminUsers.Handler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminUsers.Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new AdminUsers.Requirement()));
        services.AddScoped<QueueOverviewReader>();
        return services;
    }
}
