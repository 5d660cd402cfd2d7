using ResumeAspire.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.RateLimiting;
using ResumeAspire.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace ResumeAspire.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class RedisRateLimiterTests(SystemFixture system)
{
    [Fact]
    public async Task Permits_within_the_limit_are_immediate_and_the_next_one_waits_for_the_window()
    {
        var limiter = Limiter(system.Redis, NewKey(), permits: 3, TimeSpan.FromSeconds(2));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, await limiter.AcquireAsync(CancellationToken.None));
        }

        Assert.False(await limiter.TryAcquireAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var waited = await limiter.AcquireAsync(timeout.Token);
        Assert.True(waited > TimeSpan.Zero);
    }

    [Fact]
    public async Task Two_processes_on_separate_connections_share_one_limit()
    {
        await using var other = await ConnectionMultiplexer.ConnectAsync(system.Redis.Configuration);
        var key = NewKey();
        var first = Limiter(system.Redis, key, permits: 3, TimeSpan.FromSeconds(2));
        var second = Limiter(other, key, permits: 3, TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.Zero, await first.AcquireAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await second.AcquireAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await first.AcquireAsync(CancellationToken.None));

        Assert.False(await first.TryAcquireAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.True(await second.AcquireAsync(timeout.Token) > TimeSpan.Zero);
    }

    [Fact]
    public async Task Concurrent_callers_never_get_more_than_the_limit_in_any_window()
    {
        await using var other = await ConnectionMultiplexer.ConnectAsync(system.Redis.Configuration);
        var key = NewKey();
        var window = TimeSpan.FromSeconds(1);
        var limiters = new[] { Limiter(system.Redis, key, 3, window), Limiter(other, key, 3, window) };
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var grants = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await limiters[i % 2].AcquireAsync(timeout.Token);
            return clock.Elapsed;
        }));

        // Seen from here a grant arrives late by up to one round trip, so the window checked is
        // shortened by a generous margin: the check cannot flake, and still catches a 4th grant.
        var margin = TimeSpan.FromMilliseconds(300);
        var sorted = grants.Order().ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            var inWindow = sorted.Count(t => t >= sorted[i] && t < sorted[i] + window - margin);
            Assert.True(inWindow <= 3, $"{inWindow} grants within one window: {string.Join(", ", sorted.Select(t => t.TotalMilliseconds))}");
        }

        // 8 grants at 3 per window need at least two full windows after the first.
        Assert.True(sorted[^1] >= 2 * window - margin, $"all grants within {sorted[^1]}");
    }

    [Fact]
    public async Task Cancelling_a_waiting_acquire_throws()
    {
        var limiter = Limiter(system.Redis, NewKey(), permits: 1, TimeSpan.FromMinutes(5));
        Assert.True(await limiter.TryAcquireAsync());

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(cancel.Token));
    }

    private static string NewKey() => $"test:ratelimit:{Guid.NewGuid():N}";

    private static RedisRateLimiter Limiter(IConnectionMultiplexer redis, string key, int permits, TimeSpan window) =>
        new(redis, Options.Create(new DistributedRateLimiterOptions { Key = key, PermitsPerWindow = permits, Window = window }), Telemetry);

    private static readonly JobsTelemetry Telemetry = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
