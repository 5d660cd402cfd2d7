using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ResumeAspire.Api.Jobs;
using ResumeAspire.Core.Data;

namespace ResumeAspire.IntegrationTests;

/// <summary>Telemetry:TraceSampleRatio: whole traces or none, and no trace id shown for a trace that was not kept.</summary>
public sealed class TraceSamplingTests
{
    private static readonly ActivitySource Source = new("ResumeAspire.Tests.Sampling");

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Each_job_trace_is_recorded_whole_or_not_at_all_and_shows_a_trace_id_only_when_recorded(double ratio)
    {
        const int Jobs = 200;
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .SetSampler(new ParentBasedSampler(new Extensions.BackgroundClientSpanSampler(ratio)))
            .AddSource(Source.Name)
            .AddInMemoryExporter(spans)
            .Build();

        var traceParents = new string[Jobs];
        for (var i = 0; i < Jobs; i++)
        {
            using (Source.StartActivity("POST generate-async", ActivityKind.Server)?.SetTag("job", i))
            using (var publish = Source.StartActivity("resume:jobs publish", ActivityKind.Producer)?.SetTag("job", i))
            {
                // An unsampled request still gives the job a context, so the worker learns the decision.
                traceParents[i] = JobTrace.Propagation(publish).TraceParent;
            }

            // The worker, later and elsewhere, continues from the traceparent in the stream entry.
            Assert.True(ActivityContext.TryParse(traceParents[i], null, isRemote: true, out var parent));
            using (Source.StartActivity("resume:jobs process", ActivityKind.Consumer, parent)?.SetTag("job", i))
            using (Source.StartActivity("store", ActivityKind.Client)?.SetTag("job", i))
            {
            }
        }

        tracing.ForceFlush();
        var recordedPerJob = Enumerable.Range(0, Jobs).Select(i => spans.Count(s => (int)s.GetTagItem("job")! == i)).ToList();
        // Request, publish, process and store, or none of them: a worker never starts a trace of its own.
        Assert.All(recordedPerJob, count => Assert.True(count is 0 or 4, $"{count} spans of one job were recorded"));
        var whole = recordedPerJob.Count(c => c == 4);
        if (ratio is > 0 and < 1)
        {
            Assert.InRange(whole, Jobs / 4, Jobs * 3 / 4);
        }
        else
        {
            Assert.Equal(ratio == 0 ? 0 : Jobs, whole);
        }

        for (var i = 0; i < Jobs; i++)
        {
            var job = new ResumeJob
            {
                OwnerId = "user", JobRef = "JOB-1", JobDescription = "", FileType = "docx", Status = "COMPLETED", TraceParent = traceParents[i],
            };
            Assert.Equal(recordedPerJob[i] == 4, JobTrace.RecordedTraceId(job) is not null);
        }
    }

    [Fact]
    public void A_job_enqueued_with_no_trace_at_all_carries_a_context_marked_not_recorded()
    {
        Activity.Current = null;

        var (traceParent, traceState) = JobTrace.Propagation(publish: null);

        // The worker's parent-based sampler drops a not-recorded parent instead of starting a trace.
        Assert.True(ActivityContext.TryParse(traceParent, traceState, out var context));
        Assert.False(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
        Assert.Null(JobTrace.RecordedTraceId(new ResumeJob
        {
            OwnerId = "user", JobRef = "JOB-1", JobDescription = "", FileType = "docx", Status = "PENDING", TraceParent = traceParent,
        }));
    }

    [Fact]
    public void A_ratio_keeps_about_that_share_of_new_traces_and_never_a_background_client_root()
    {
        var sampler = new Extensions.BackgroundClientSpanSampler(0.25);
        var random = new Random(7);
        var kept = 0;
        for (var i = 0; i < 4_000; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var traceId = ActivityTraceId.CreateFromBytes(bytes);
            var server = sampler.ShouldSample(new SamplingParameters(default, traceId, "GET", ActivityKind.Server));
            var client = sampler.ShouldSample(new SamplingParameters(default, traceId, "XREADGROUP", ActivityKind.Client));
            Assert.Equal(SamplingDecision.Drop, client.Decision);
            kept += server.Decision == SamplingDecision.RecordAndSample ? 1 : 0;
        }

        Assert.InRange(kept, 800, 1_200);
    }

    [Fact]
    public void A_burst_is_recorded_whole_then_sustained_load_gets_the_rate_and_children_always_follow_their_parent()
    {
        const int Rate = 10, Burst = 100;
        var clock = new SteppedClock();
        var sampler = new ParentBasedSampler(new Extensions.BackgroundClientSpanSampler(1.0, Rate, Burst, clock));
        var recordedParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        int Roots(int count) => Enumerable.Range(0, count).Count(_ =>
            sampler.ShouldSample(new SamplingParameters(default, ActivityTraceId.CreateRandom(), "POST", ActivityKind.Server)).Decision == SamplingDecision.RecordAndSample);

        // A quiet system's burst: every trace of it.
        Assert.Equal(Burst, Roots(Burst));
        Assert.Equal(0, Roots(50));

        // Sustained load: the rate, second after second, however many requests arrive.
        for (var second = 0; second < 5; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(Rate, Roots(3_000));
        }

        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(2, Roots(100));

        // After a quiet spell the bucket is full again, and no fuller.
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(Burst, Roots(Burst * 3));

        // A job's worker spans follow its request's decision, whatever the bucket holds.
        var children = Enumerable.Range(0, 2_000).Count(_ =>
            sampler.ShouldSample(new SamplingParameters(recordedParent, recordedParent.TraceId, "process", ActivityKind.Consumer)).Decision == SamplingDecision.RecordAndSample);
        Assert.Equal(2_000, children);
    }

    [Fact]
    public void No_limit_records_every_root()
    {
        var sampler = new Extensions.BackgroundClientSpanSampler(1.0, maxPerSecond: 0, burst: 1, new SteppedClock());
        var kept = Enumerable.Range(0, 5_000).Count(_ =>
            sampler.ShouldSample(new SamplingParameters(default, ActivityTraceId.CreateRandom(), "GET", ActivityKind.Server)).Decision == SamplingDecision.RecordAndSample);
        Assert.Equal(5_000, kept);
    }

    [Theory]
    [InlineData(Extensions.MaxTracesPerSecondKey, "-1")]
    [InlineData(Extensions.TraceBurstKey, "0")]
    public void A_trace_budget_out_of_range_stops_the_start(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceDefaults());
        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void A_ratio_outside_zero_to_one_stops_the_start(string ratio)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [Extensions.TraceSampleRatioKey] = ratio });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceDefaults());
        Assert.Contains(Extensions.TraceSampleRatioKey, error.Message);
    }

    /// <summary>Timestamps that move only when the test says so.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
