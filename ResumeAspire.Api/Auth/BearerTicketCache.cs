using Microsoft.Extensions.Caching.Memory;

namespace ResumeAspire.Api.Auth;

/// <summary>
/// The validated bearer tickets of <see cref="CachedTicketFormat"/>: its own bounded cache, so
/// nothing else's entries can push them out and they cannot grow without limit.
/// </summary>
public sealed class BearerTicketCache : IDisposable
{
    /// <summary>
    /// Tokens kept at once. An entry is the token (≈ 0.5 KB) and its ticket (≈ 2 KB): 20,000 active
    /// clients per Api replica cost ≈ 50 MB; beyond that, new tokens are validated uncached.
    /// </summary>
    public const int MaxEntries = 20_000;

    /// <summary>
    /// Longest a ticket is served from memory: a data-protection key revoked meanwhile stops being
    /// honoured within this time even for tokens that have not expired.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    public MemoryCache Entries { get; } = new(new MemoryCacheOptions
    {
        SizeLimit = MaxEntries,
        ExpirationScanFrequency = TimeSpan.FromMinutes(1),
    });

    public void Dispose() => Entries.Dispose();
}
