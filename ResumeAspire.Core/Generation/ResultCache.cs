using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ResumeAspire.Core.Generation;

/// <summary>What a finished job leaves behind for identical requests: its document and match report.</summary>
public sealed record CachedResult(Guid DocumentId, int MatchScore, IReadOnlyList<string> Matched, IReadOnlyList<string> Missing);

public sealed class ResultCacheOptions
{
    public const string Section = "ResultCache";

    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The one-hour result cache in Redis, keyed by <see cref="ResultCacheKey"/>. A miss or a Redis
/// error only means the job is generated again.
/// </summary>
public sealed class ResultCache(IConnectionMultiplexer redis, IOptions<ResultCacheOptions> options)
{
    private static string Key(string cacheKey) => $"resume:cache:{cacheKey}";

    public async Task<CachedResult?> GetAsync(string cacheKey)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(cacheKey));
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<CachedResult>(value.ToString(), JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            return null;
        }
    }

    public async Task RemoveAsync(string cacheKey)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Key(cacheKey));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The stale entry expires with its TTL anyway.
        }
    }

    /// <summary>The same as <see cref="SetAsync"/>, fire-and-forget: a cache write is best effort anyway.</summary>
    public void Set(string cacheKey, CachedResult result)
    {
        try
        {
            redis.GetDatabase().StringSet(Key(cacheKey), JsonSerializer.SerializeToUtf8Bytes(result, JsonSerializerOptions.Web), options.Value.Ttl, flags: CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // A cache write that fails costs a regeneration later, nothing more.
        }
    }

    public async Task SetAsync(string cacheKey, CachedResult result)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(cacheKey), JsonSerializer.Serialize(result, JsonSerializerOptions.Web), options.Value.Ttl);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // A cache write that fails costs a regeneration later, nothing more.
        }
    }
}
