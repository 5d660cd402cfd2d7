using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
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
        // Long enough that the first call (JIT, prompt, cache lookup on a busy machine) still finds the budget spent.
        settings["LlmRateLimit:Window"] = "00:00:05";
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings);
        // A limiter on the same Redis key stands in for another worker that used the budget.
        var telemetry = host.Services.GetRequiredService<Core.Telemetry.JobsTelemetry>();
        var limiter = new Core.RateLimiting.RedisRateLimiter(redis.Connection, Microsoft.Extensions.Options.Options.Create(
            new Core.RateLimiting.DistributedRateLimiterOptions { Key = host.RateLimitKey, PermitsPerWindow = 2, Window = TimeSpan.FromSeconds(5) }), telemetry);
        using var waits = new MetricCollector<long>(telemetry.RateLimitWaits);
        using var waitTime = new MetricCollector<double>(telemetry.RateLimitWaitTime);
        Assert.True(await limiter.TryAcquireAsync());
        Assert.True(await limiter.TryAcquireAsync());

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var resume = await host.TailorAsync(Samples.JobDescription);

        Assert.Null(resume.Note);
        Assert.Single(server.Requests);
        // The limiter reports the wait on the ResumeAspire.Jobs meter, where SREs see it. How long
        // it waited depends on how much of the window had passed: only its presence is certain.
        Assert.Equal(1, waits.GetMeasurementSnapshot().EvaluateAsCounter());
        var waited = Assert.Single(waitTime.GetMeasurementSnapshot()).Value;
        Assert.True(waited > 0 && watch.Elapsed.TotalSeconds >= waited, $"waited {waited} s within a call of {watch.Elapsed}");
    }
}
