using System.Collections.Concurrent;
using System.Diagnostics;
using ResumeAspire.Core.Telemetry;
using ResumeAspire.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace ResumeAspire.IntegrationTests;

/// <summary>
/// Redis command spans against a real Redis: a recorded span gets its commands as child spans,
/// a span that is sampled out costs no profiling at all.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class RedisCommandTracingTests(IsolatedFixture system) : IDisposable
{
    private readonly ActivitySource _source = new($"{nameof(RedisCommandTracingTests)}.{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentDictionary<ActivityTraceId, bool> _ours = new();
    private ActivityListener? _listener;

    [Fact]
    public async Task Commands_of_a_recorded_span_become_its_client_spans()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(system.Redis.Configuration);
        var tracing = new RedisCommandTracing(redis);
        tracing.Register();
        Listen(ActivitySamplingResult.AllDataAndRecorded);

        var key = $"tracing-test:{Guid.NewGuid():N}";
        ActivitySpanId parentId;
        using (var parent = _source.StartActivity("request")!)
        {
            _ours[parent.TraceId] = true;
            parentId = parent.SpanId;
            await redis.GetDatabase().StringSetAsync(key, "1");
            await redis.GetDatabase().StringGetAsync(key);

            // Still running: its commands wait for it.
            tracing.Flush();
            Assert.DoesNotContain(_stopped, s => s.Source == JobsTelemetry.Source);
        }

        tracing.Flush();
        var commands = _stopped.Where(s => s.Source == JobsTelemetry.Source && s.ParentSpanId == parentId).ToList();
        Assert.Equal(["SET", "GET"], commands.Select(s => s.DisplayName));
        Assert.All(commands, span =>
        {
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal("redis", span.GetTagItem("db.system.name"));
            Assert.Equal(span.DisplayName, span.GetTagItem("db.operation.name"));
            Assert.Equal("0", span.GetTagItem("db.namespace"));
            Assert.IsType<int>(span.GetTagItem("server.port"));
            Assert.True(span.Duration > TimeSpan.Zero);
        });
        Assert.Equal(0, tracing.PendingSpans);
    }

    [Fact]
    public async Task A_span_that_is_sampled_out_and_a_command_outside_any_span_are_not_profiled()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(system.Redis.Configuration);
        var tracing = new RedisCommandTracing(redis);
        tracing.Register();
        Listen(ActivitySamplingResult.PropagationData);

        using (var parent = _source.StartActivity("request")!)
        {
            Assert.False(parent.Recorded);
            await redis.GetDatabase().PingAsync();
            Assert.Equal(0, tracing.PendingSpans);
        }

        await redis.GetDatabase().PingAsync();
        Assert.Equal(0, tracing.PendingSpans);
        tracing.Flush(all: true);
        Assert.DoesNotContain(_stopped, s => s.Source == JobsTelemetry.Source);
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _source.Dispose();
    }

    // Decides for this test's own spans and their children only, so that it never turns on
    // recording for the spans of tests running beside it.
    private void Listen(ActivitySamplingResult forOurs)
    {
        // Created first: a source made inside ShouldListenTo would miss this listener.
        var commandSpans = JobsTelemetry.Source;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source == _source || source == commandSpans,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Source == _source ? forOurs
                : _ours.ContainsKey(options.Parent.TraceId) ? ActivitySamplingResult.AllDataAndRecorded
                : ActivitySamplingResult.None,
            ActivityStopped = span =>
            {
                if (_ours.ContainsKey(span.TraceId))
                {
                    _stopped.Enqueue(span);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }
}
