using ResumeAspire.LlmTests.Infrastructure;
using StackExchange.Redis;

namespace ResumeAspire.LlmTests;

/// <summary>The Redis-backed distributed cache in front of the model.</summary>
[Collection(LlmCollection.Name)]
public sealed class CacheTests(RedisFixture redis)
{
    [Fact]
    public async Task An_identical_request_is_answered_from_redis_without_a_call_or_a_permit()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(Samples.Json(Samples.Good())));
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        var first = await host.TailorAsync(Samples.JobDescription);
        var second = await host.TailorAsync(Samples.JobDescription);

        Assert.Null(second.Note);
        Assert.Equal(first.Summary, second.Summary);
        Assert.Equal(first.Experience[0].Bullets, second.Experience[0].Bullets);
        Assert.Single(server.Requests);

        var db = redis.Connection.GetDatabase();
        var keys = redis.Connection.GetServer(redis.ConnectionString).Keys(pattern: host.CachePrefix + "*").ToList();
        var key = Assert.Single(keys);
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.True(ttl is { } t && t > TimeSpan.Zero && t <= TimeSpan.FromDays(1), $"cached answer expires in {ttl}");
        // Only the call that reached the model took a rate-limit permit.
        Assert.Equal(1, await db.SortedSetLengthAsync(host.RateLimitKey));
    }

    [Fact]
    public async Task A_different_job_description_is_a_new_call()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(Samples.Json(Samples.Good())), FakeReply.Answer(Samples.Json(Samples.Good())));
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        await host.TailorAsync(Samples.JobDescription);
        await host.TailorAsync(Samples.JobDescription + "\nLocation: Berlin");

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_rejected_answer_is_not_cached_so_the_next_request_asks_again()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(
            FakeReply.Answer(Samples.Json(Samples.Good() with { Skills = ["Kubernetes"] })),
            FakeReply.Answer(Samples.Json(Samples.Good())));
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        var first = await host.TailorAsync(Samples.JobDescription);
        var second = await host.TailorAsync(Samples.JobDescription);

        Assert.NotNull(first.Note);
        Assert.Null(second.Note);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_zero_ttl_turns_the_cache_off()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(Samples.Json(Samples.Good())), FakeReply.Answer(Samples.Json(Samples.Good())));
        var settings = TailorHost.FastSettings();
        settings["Llm:CacheTtl"] = "00:00:00";
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings);

        await host.TailorAsync(Samples.JobDescription);
        await host.TailorAsync(Samples.JobDescription);

        Assert.Equal(2, server.Requests.Count);
    }
}
