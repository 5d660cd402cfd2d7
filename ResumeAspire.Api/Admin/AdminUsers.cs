using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ResumeAspire.Api.Admin;

/// <summary>
/// Admins are named in configuration (Admin:Emails), not stored in the database: granting the
/// queue overview is an operator's decision made where the deployment is configured.
/// </summary>
public sealed class AdminUsers(IOptionsMonitor<AdminOptions> options)
{
    public const string Policy = "admin";

    public bool IsAdmin(ClaimsPrincipal user)
    {
        // Identity puts the email in ClaimTypes.Email; its user name is the email for API-registered users.
        var email = user.FindFirstValue(ClaimTypes.Email) ?? user.FindFirstValue(ClaimTypes.Name);
        return email is not null && options.CurrentValue.Emails.Contains(email.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    public sealed class Requirement : IAuthorizationRequirement;

    public sealed class Handler(AdminUsers admins) : AuthorizationHandler<Requirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            if (admins.IsAdmin(context.User))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
