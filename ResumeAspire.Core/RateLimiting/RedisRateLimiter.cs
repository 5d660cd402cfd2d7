using System.Diagnostics;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Telemetry;
using StackExchange.Redis;

namespace ResumeAspire.Core.RateLimiting;

/// <summary>
/// A sliding-window limit shared by every process that talks to the same Redis: the log of
/// grants lives in one sorted set, and one Lua script checks and records atomically. The script
/// reads Redis's own clock, so the clocks of the workers do not matter.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, IOptions<DistributedRateLimiterOptions> options, JobsTelemetry telemetry)
{
    // Returns 0 when granted (and records the grant), otherwise the milliseconds until the
    // oldest grant leaves the window. Milliseconds keep scores small enough that Lua's number
    // to string conversion on the way into ZADD never rounds them.
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(@windowMs)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - window)
        if redis.call('ZCARD', @key) < tonumber(@limit) then
            redis.call('ZADD', @key, now, @member)
            redis.call('PEXPIRE', @key, window)
            return 0
        end
        local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
        local wait = tonumber(oldest[2]) + window - now
        if wait < 1 then wait = 1 end
        return wait
        """);

    // Waiters all woken by the same freed permit would otherwise retry in one burst.
    private const int MaxJitterMilliseconds = 50;

    private readonly DistributedRateLimiterOptions _options = options.Value;

    /// <summary>
    /// Waits until a permit is free and takes it; returns how long it waited (zero when the first
    /// try succeeded). Redis errors are not swallowed: without Redis there is no shared limit.
    /// </summary>
    public async Task<TimeSpan> AcquireAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var waited = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var retryAfter = await EvaluateAsync();
            if (retryAfter == 0)
            {
                if (!waited)
                {
                    return TimeSpan.Zero;
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                telemetry.RateLimitWaits.Add(1);
                telemetry.RateLimitWaitTime.Record(elapsed.TotalSeconds);
                return elapsed;
            }

            waited = true;
            var jitter = Random.Shared.Next(0, (int)Math.Min(MaxJitterMilliseconds, retryAfter / 10 + 1));
            await Task.Delay(TimeSpan.FromMilliseconds(retryAfter + jitter), cancellationToken);
        }
    }

    /// <summary>Takes a permit if one is free right now; never waits.</summary>
    public async Task<bool> TryAcquireAsync() => await EvaluateAsync() == 0;

    private async Task<long> EvaluateAsync()
    {
        var result = await Script.EvaluateAsync(redis.GetDatabase(), new
        {
            key = (RedisKey)_options.Key,
            limit = _options.PermitsPerWindow,
            windowMs = (long)Math.Ceiling(_options.Window.TotalMilliseconds),
            member = Guid.NewGuid().ToString("N"),
        });
        return (long)result;
    }
}
