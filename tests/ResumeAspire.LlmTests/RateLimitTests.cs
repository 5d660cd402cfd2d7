using ResumeAspire.LlmTests.Infrastructure;

namespace ResumeAspire.LlmTests;

/// <summary>The global LLM rate limit (shared through Redis) wraps every call that reaches the model.</summary>
[Collection(LlmCollection.Name)]
public sealed class RateLimitTests(RedisFixture redis)
{
    [Fact]
    public async Task A_call_over_the_limit_waits_for_the_window()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(Samples.Json(Samples.Good())), FakeReply.Answer(Samples.Json(Samples.Good())));
        var settings = TailorHost.FastSettings();
        settings["LlmRateLimit:PermitsPerWindow"] = "1";
        settings["LlmRateLimit:Window"] = "00:00:02";
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings);

        var first = await host.TailorAsync(Samples.JobDescription);
        var second = await host.TailorAsync(Samples.JobDescription + "\nRemote possible.");

        Assert.Null(first.Note);
        Assert.Null(second.Note);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        // One permit per 2 s window: the second call reached the model only after the first permit expired.
        var gap = requests[1].ArrivedAt - requests[0].ArrivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(1_800), $"second call came {gap} after the first");
    }

    [Fact]
    public async Task Another_process_holding_the_permits_delays_this_one()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(Samples.Json(Samples.Good())));
        var settings = TailorHost.FastSettings();
        settings["LlmRateLimit:PermitsPerWindow"] = "2";
        settings["LlmRateLimit:Window"] = "00:00:01.500";
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings);
        // A limiter on the same Redis key stands in for another worker that used the budget.
        var limiter = new Core.RateLimiting.RedisRateLimiter(redis.Connection, Microsoft.Extensions.Options.Options.Create(
            new Core.RateLimiting.DistributedRateLimiterOptions { Key = host.RateLimitKey, PermitsPerWindow = 2, Window = TimeSpan.FromSeconds(1.5) }));
        Assert.True(await limiter.TryAcquireAsync());
        Assert.True(await limiter.TryAcquireAsync());

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var resume = await host.TailorAsync(Samples.JobDescription);

        Assert.Null(resume.Note);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1_200), $"the call did not wait for a permit ({watch.Elapsed})");
        Assert.Single(server.Requests);
    }
}
