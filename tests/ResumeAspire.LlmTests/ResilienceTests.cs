using System.Diagnostics;
using ResumeAspire.LlmTests.Infrastructure;

namespace ResumeAspire.LlmTests;

/// <summary>The standard resilience handler on the LLM HttpClient, seen from the server's side of a real connection.</summary>
[Collection(LlmCollection.Name)]
public sealed class ResilienceTests(RedisFixture redis)
{
    [Fact]
    public async Task Retries_wait_longer_each_time_and_honour_Retry_After()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(
            FakeReply.Status(500),
            FakeReply.Status(503),
            FakeReply.Status(429, RetryAfterSeconds: 2),
            FakeReply.Answer(Samples.Json(Samples.Good())));
        var settings = TailorHost.FastSettings();
        settings["Llm:Resilience:Retry:MaxRetryAttempts"] = "3";
        // Jitter off so the growth is visible in one run: 250 ms, 500 ms, then the 2 s Retry-After
        // instead of the 1 s the back-off would give.
        settings["Llm:Resilience:Retry:Delay"] = "00:00:00.250";
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings);

        var resume = await host.TailorAsync(Samples.JobDescription);

        Assert.Null(resume.Note);
        var arrivals = server.Requests.Select(r => r.ArrivedAt).ToList();
        Assert.Equal(4, arrivals.Count);
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps[0] >= TimeSpan.FromMilliseconds(200), $"first back-off {gaps[0]}");
        Assert.True(gaps[1] >= gaps[0], $"back-off did not grow: {string.Join(", ", gaps)}");
        Assert.True(gaps[2] >= gaps[1], $"back-off did not grow: {string.Join(", ", gaps)}");
        Assert.True(gaps[2] >= TimeSpan.FromMilliseconds(1_900), $"Retry-After: 2 not honoured: {gaps[2]}");
    }

    [Fact]
    public async Task With_jitter_the_retries_still_happen_and_the_answer_arrives()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Status(502), FakeReply.Status(500), FakeReply.Answer(Samples.Json(Samples.Good())));
        var settings = TailorHost.FastSettings();
        settings["Llm:Resilience:Retry:UseJitter"] = "true";
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings);

        var resume = await host.TailorAsync(Samples.JobDescription);

        Assert.Null(resume.Note);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Exhausted_retries_fall_back_with_the_status_in_the_note()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        var resume = await host.TailorAsync(Samples.JobDescription);

        // One call and two retries (FastSettings), and no more: the service defaults' own handler does not add its retries.
        Assert.Equal(3, server.Requests.Count);
        Assert.NotNull(resume.Note);
        Assert.Contains("HTTP 500", resume.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_circuit_opens_and_later_calls_fail_fast_without_reaching_the_server()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        var settings = TailorHost.FastSettings();
        settings["Llm:Resilience:Retry:MaxRetryAttempts"] = "1";
        settings["Llm:Resilience:AttemptTimeout:Timeout"] = "00:00:01";
        settings["Llm:Resilience:CircuitBreaker:MinimumThroughput"] = "2";
        settings["Llm:Resilience:CircuitBreaker:FailureRatio"] = "0.5";
        settings["Llm:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:10";
        settings["Llm:Resilience:CircuitBreaker:BreakDuration"] = "00:01:00";
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings);

        var first = await host.TailorAsync(Samples.JobDescription);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("HTTP 500", first.Note, StringComparison.Ordinal);

        for (var i = 0; i < 3; i++)
        {
            var later = await host.TailorAsync(Samples.JobDescription + $"\nPosting {i}");
            Assert.NotNull(later.Note);
            Assert.Contains("circuit breaker is open", later.Note, StringComparison.Ordinal);
        }

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task The_attempt_timeout_aborts_a_slow_answer()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        var slow = FakeReply.Slow(TimeSpan.FromSeconds(30), FakeReply.Answer(Samples.Json(Samples.Good())));
        server.Enqueue(slow, slow);
        var settings = TailorHost.FastSettings();
        settings["Llm:Resilience:Retry:MaxRetryAttempts"] = "1";
        settings["Llm:Resilience:AttemptTimeout:Timeout"] = "00:00:01";
        settings["Llm:Resilience:TotalRequestTimeout:Timeout"] = "00:00:10";
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings);

        var watch = Stopwatch.StartNew();
        var resume = await host.TailorAsync(Samples.JobDescription);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}: the slow answer was awaited");
        Assert.NotNull(resume.Note);
        Assert.Contains("did not answer in time", resume.Note, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
        // The client really hung up on both attempts (the server saw the connection go).
        Assert.True(await server.WaitForAbortAsync(0, TimeSpan.FromSeconds(10)), "first attempt was not aborted");
        Assert.True(await server.WaitForAbortAsync(1, TimeSpan.FromSeconds(10)), "second attempt was not aborted");
    }

    [Fact]
    public async Task The_tailors_own_budget_ends_the_wait_and_falls_back()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Slow(TimeSpan.FromSeconds(30), FakeReply.Answer(Samples.Json(Samples.Good()))));
        var settings = TailorHost.FastSettings();
        settings["Llm:Timeout"] = "00:00:02";
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings);

        var resume = await host.TailorAsync(Samples.JobDescription);

        Assert.NotNull(resume.Note);
        Assert.Contains("Llm:Timeout", resume.Note, StringComparison.Ordinal);
        Assert.True(await server.WaitForAbortAsync(0, TimeSpan.FromSeconds(10)), "the call was not aborted");
    }

    [Fact]
    public async Task Cancelling_the_job_aborts_the_call_and_is_not_a_fallback()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Slow(TimeSpan.FromSeconds(30), FakeReply.Answer(Samples.Json(Samples.Good()))));
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        using var cancel = new CancellationTokenSource();
        var tailoring = host.TailorAsync(Samples.JobDescription, cancellationToken: cancel.Token);
        // Cancel once the call is in flight at the server, as a user cancelling mid-generation would.
        while (server.Requests.Count == 0 && !tailoring.IsCompleted)
        {
            await Task.Delay(10);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tailoring);
        Assert.True(await server.WaitForAbortAsync(0, TimeSpan.FromSeconds(10)), "the call was not aborted");
    }
}
