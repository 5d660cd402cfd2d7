using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResumeAspire.Api.Auth;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

/// <summary>The bearer tickets the Api has validated once are served from memory, never beyond their expiry.</summary>
[Collection(SystemCollection.Name)]
public sealed class BearerTicketCacheTests(SystemFixture system)
{
    [Fact]
    public void A_token_is_unprotected_once_and_each_request_gets_its_own_principal()
    {
        using var cache = new BearerTicketCache();
        var inner = new CountingFormat();
        var format = new CachedTicketFormat(inner, cache, TimeProvider.System);
        var token = inner.Protect(Ticket("user-1", DateTimeOffset.UtcNow.AddHours(1)));

        var first = format.Unprotect(token);
        var second = format.Unprotect(token);

        Assert.Equal(1, inner.Unprotected);
        Assert.Equal("user-1", second!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.NotSame(first!.Principal, second.Principal);
    }

    [Fact]
    public void Garbage_and_tokens_without_expiry_are_never_cached()
    {
        using var cache = new BearerTicketCache();
        var inner = new CountingFormat();
        var format = new CachedTicketFormat(inner, cache, TimeProvider.System);
        var noExpiry = inner.Protect(Ticket("user-2", expires: null));

        Assert.Null(format.Unprotect("not-a-token"));
        Assert.Null(format.Unprotect("not-a-token"));
        Assert.NotNull(format.Unprotect(noExpiry));
        Assert.NotNull(format.Unprotect(noExpiry));

        Assert.Equal(4, inner.Unprotected);
        Assert.Equal(0, cache.Entries.Count);
    }

    [Fact]
    public void An_expired_ticket_is_not_kept()
    {
        using var cache = new BearerTicketCache();
        var inner = new CountingFormat();
        var format = new CachedTicketFormat(inner, cache, TimeProvider.System);
        var token = inner.Protect(Ticket("user-3", DateTimeOffset.UtcNow.AddMinutes(-1)));

        format.Unprotect(token);
        format.Unprotect(token);

        Assert.Equal(2, inner.Unprotected);
    }

    [Fact]
    public async Task The_api_serves_bearer_tokens_through_the_cache_and_still_refuses_bad_ones()
    {
        var options = system.Api.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        Assert.IsType<CachedTicketFormat>(options.BearerTokenProtector);
        Assert.IsNotType<CachedTicketFormat>(options.RefreshTokenProtector);

        var session = await system.NewSession().SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/api/resume-async/my-jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/api/resume-async/my-jobs")).StatusCode);

        var token = session.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var tampered = system.Api.CreateClient();
        tampered.DefaultRequestHeaders.Authorization = new("Bearer", token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tampered.GetAsync("/api/resume-async/my-jobs")).StatusCode);
    }

    private static AuthenticationTicket Ticket(string userId, DateTimeOffset? expires)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));
        return new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expires }, IdentityConstants.BearerScheme);
    }

    /// <summary>Real data protection, counting how often a token is actually unprotected.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        private readonly TicketDataFormat _real = new(DataProtectionProvider.Create("bearer-cache-tests").CreateProtector("bearer"));

        public int Unprotected { get; private set; }

        public string Protect(AuthenticationTicket data) => _real.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => _real.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotected++;
            return _real.Unprotect(protectedText, purpose);
        }
    }
}
