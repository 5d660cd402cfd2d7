using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ResumeAspire.Core.Telemetry;

/// <summary>The one ActivitySource and Meter of the job pipeline, named <c>ResumeAspire.Jobs</c>.</summary>
public sealed class JobsTelemetry : IDisposable
{
    public const string Name = "ResumeAspire.Jobs";

    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;

    public JobsTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Enqueued = _meter.CreateCounter<long>("resume.jobs.enqueued", "{job}", "Jobs accepted and put on the stream");
        Completed = _meter.CreateCounter<long>("resume.jobs.completed", "{job}", "Jobs that reached COMPLETED, by cached (true: answered from the result cache)");
        Failed = _meter.CreateCounter<long>("resume.jobs.failed", "{job}", "Jobs that reached FAILED, by reason");
        Retried = _meter.CreateCounter<long>("resume.jobs.retried", "{job}", "Failed attempts scheduled for another try, by reason");
        DeadLettered = _meter.CreateCounter<long>("resume.jobs.dead_lettered", "{job}", "Jobs moved to the dead-letter stream, by reason");
        Cancelled = _meter.CreateCounter<long>("resume.jobs.cancelled", "{job}", "Jobs cancelled by their owner");
        RateLimitWaits = _meter.CreateCounter<long>("resume.llm.rate_limit.waits", "{call}", "LLM calls that had to wait for the global rate limit");
        RateLimitWaitTime = _meter.CreateHistogram<double>("resume.llm.rate_limit.wait_time", "s", "Time an LLM call waited for the global rate limit",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60] });
        CacheHits = _meter.CreateCounter<long>("resume.cache.hits", "{request}", "Enqueues answered from the result cache");
        CacheMisses = _meter.CreateCounter<long>("resume.cache.misses", "{request}", "Enqueues that had to generate");
        Duration = _meter.CreateHistogram<double>("resume.jobs.duration", "s", "Processing time of one job attempt",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        QueueWait = _meter.CreateHistogram<double>("resume.jobs.queue_wait", "s", "Time from enqueue to the start of processing",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    }

    public Counter<long> Enqueued { get; }
    public Counter<long> Completed { get; }
    public Counter<long> Failed { get; }
    public Counter<long> Retried { get; }
    public Counter<long> DeadLettered { get; }
    public Counter<long> Cancelled { get; }
    public Counter<long> RateLimitWaits { get; }
    public Histogram<double> RateLimitWaitTime { get; }
    public Counter<long> CacheHits { get; }
    public Counter<long> CacheMisses { get; }
    public Histogram<double> Duration { get; }
    public Histogram<double> QueueWait { get; }

    /// <summary>The meter itself, for instruments whose values live elsewhere (the worker's queue gauges).</summary>
    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
