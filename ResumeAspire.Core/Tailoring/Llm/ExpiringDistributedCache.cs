using Microsoft.Extensions.Caching.Distributed;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// Gives every entry written without an expiry a time to live. The caching chat client writes
/// its answers without one, and Redis would otherwise keep them for ever.
/// </summary>
internal sealed class ExpiringDistributedCache(IDistributedCache inner, TimeSpan timeToLive) : IDistributedCache
{
    public byte[]? Get(string key) => inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(key, value, WithExpiry(options));

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        inner.SetAsync(key, value, WithExpiry(options), token);

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

    private DistributedCacheEntryOptions WithExpiry(DistributedCacheEntryOptions options) =>
        options.AbsoluteExpiration is null && options.AbsoluteExpirationRelativeToNow is null && options.SlidingExpiration is null
            ? new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive }
            : options;
}
