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
    [InlineData(0.0, false)]
    [InlineData(1.0, true)]
    public void A_job_trace_is_recorded_whole_or_not_at_all(double ratio, bool recorded)
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .SetSampler(new ParentBasedSampler(new Extensions.BackgroundClientSpanSampler(ratio)))
            .AddSource(Source.Name)
            .AddInMemoryExporter(spans)
            .Build();

        string traceParent;
        using (var request = Source.StartActivity("POST generate-async", ActivityKind.Server))
        using (var publish = Source.StartActivity("resume:jobs publish", ActivityKind.Producer))
        {
            // Even an unsampled request gives the job a context, so the worker learns the decision.
            Assert.Equal(recorded, publish is not null);
            traceParent = JobTrace.Propagation(publish).TraceParent;
        }

        // The worker, later and elsewhere, continues from the traceparent in the stream entry.
        Assert.True(ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent));
        using (Source.StartActivity("resume:jobs process", ActivityKind.Consumer, parent))
        using (Source.StartActivity("store", ActivityKind.Client))
        {
        }

        tracing.ForceFlush();
        Assert.Equal(recorded ? 4 : 0, spans.Count);
        var job = new ResumeJob
        {
            OwnerId = "user", JobRef = "JOB-1", JobDescription = "", FileType = "docx", Status = "COMPLETED", TraceParent = traceParent,
        };
        Assert.Equal(recorded ? parent.TraceId.ToHexString() : null, JobTrace.RecordedTraceId(job));
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
}
