using System.Diagnostics;
using ResumeAspire.Core.Telemetry;
using ResumeAspire.LlmTests.Infrastructure;

namespace ResumeAspire.LlmTests;

/// <summary>The LLM call shows in the job's trace.</summary>
[Collection(LlmCollection.Name)]
public sealed class TracingTests(RedisFixture redis)
{
    [Fact]
    public async Task The_gen_ai_chat_span_is_a_child_of_the_job_span()
    {
        using var collector = new ActivityCollector(JobsTelemetry.Name);
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(Samples.Json(Samples.Good())));
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        ActivityTraceId traceId;
        ActivitySpanId jobSpanId;
        // What the worker starts around a job (JobProcessor): a consumer span for "resume:jobs process".
        using (var job = JobsTelemetry.Source.StartActivity("resume:jobs process", ActivityKind.Consumer))
        {
            Assert.NotNull(job);
            traceId = job.TraceId;
            jobSpanId = job.SpanId;
            var resume = await host.TailorAsync(Samples.JobDescription);
            Assert.Null(resume.Note);
            Assert.Equal("llm", job.GetTagItem("resume.tailor.engine"));
        }

        var spans = collector.InTrace(traceId);
        var chat = Assert.Single(spans, s => Equals(s.GetTagItem("gen_ai.operation.name"), "chat"));
        Assert.Equal(jobSpanId, chat.ParentSpanId);
        Assert.StartsWith("chat", chat.DisplayName, StringComparison.Ordinal);
        Assert.Equal("fake-model", chat.GetTagItem("gen_ai.request.model"));
        Assert.Equal(ActivityKind.Client, chat.Kind);
        var wait = Assert.Single(spans, s => s.OperationName == "llm rate limit");
        Assert.Equal(jobSpanId, wait.ParentSpanId);
    }

    [Fact]
    public async Task A_fallback_is_marked_on_the_job_span()
    {
        using var collector = new ActivityCollector(JobsTelemetry.Name);
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer("not json"));
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        using var job = JobsTelemetry.Source.StartActivity("resume:jobs process", ActivityKind.Consumer);
        Assert.NotNull(job);
        await host.TailorAsync(Samples.JobDescription);

        Assert.Equal("offline", job.GetTagItem("resume.tailor.engine"));
        Assert.Equal("malformed", job.GetTagItem("resume.tailor.fallback"));
    }
}
