using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace ResumeAspire.Api.Auth;

/// <summary>
/// Bearer tokens are data-protected tickets. Unprotecting one (key derivation, AES and HMAC over
/// the whole token) was the largest CPU cost of a status poll and of an enqueue (bench/README.md),
/// and a client sends the same token on every request for its lifetime. This keeps the tickets
/// it has already validated, keyed by the exact token text, until the ticket expires (at most
/// <see cref="BearerTicketCache.MaxAge"/>): the bearer handler still checks the expiry of what it
/// gets, on every request. A token that does not unprotect is never cached, so garbage cannot
/// fill the cache, and the cache is bounded (<see cref="BearerTicketCache.MaxEntries"/>).
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, BearerTicketCache cache, TimeProvider clock)
    : ISecureDataFormat<AuthenticationTicket>
{
    public ISecureDataFormat<AuthenticationTicket> Inner => inner;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        if (cache.Entries.TryGetValue(protectedText, out AuthenticationTicket? known) && known is not null)
        {
            // A copy: the request's principal may be changed by the pipeline; the cached one must not.
            return known.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        var expires = ticket?.Properties.ExpiresUtc;
        if (ticket is not null && expires is { } until)
        {
            var latest = clock.GetUtcNow() + BearerTicketCache.MaxAge;
            var entry = cache.Entries.CreateEntry(protectedText);
            entry.AbsoluteExpiration = until < latest ? until : latest;
            entry.Size = 1;
            entry.Value = ticket.Clone();
            entry.Dispose();
        }

        return ticket;
    }
}
