using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Telemetry;
using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>
/// The queue's gauges on the <c>ResumeAspire.Jobs</c> meter. Redis is read on a timer, not in the
/// gauge callbacks: an exporter's collection must never wait on the network.
/// </summary>
public sealed class QueueMetrics : RedisTimerService
{
    private readonly IConnectionMultiplexer _redis;
    private QueueSnapshot? _latest;

    public QueueMetrics(
        JobsTelemetry telemetry, JobConsumer consumer, IConnectionMultiplexer redis, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<QueueMetrics> logger)
        : base(options.Value.QueueMetricsInterval, clock, logger)
    {
        _redis = redis;
        var meter = telemetry.Meter;
        meter.CreateObservableGauge("resume.queue.length", () => Observe(s => s.Length), "{entry}", "Entries in the job stream");
        meter.CreateObservableGauge("resume.queue.pending", () => Observe(s => s.Pending), "{entry}", "Entries delivered to a worker and not yet acknowledged");
        meter.CreateObservableGauge("resume.queue.delayed", () => Observe(s => s.Delayed), "{job}", "Retries waiting out their back-off");
        meter.CreateObservableGauge("resume.queue.dead_letters", () => Observe(s => s.DeadLetters), "{entry}", "Entries in the dead-letter stream");
        meter.CreateObservableGauge("resume.queue.consumers", () => Observe(s => s.Consumers.Count), "{consumer}", "Consumers registered in the worker group");
        meter.CreateObservableGauge("resume.worker.jobs_in_flight", () => (long)consumer.InFlight, "{job}", "Jobs this worker is running");
    }

    /// <summary>The last snapshot read, for tests and diagnostics.</summary>
    public QueueSnapshot? Latest => Volatile.Read(ref _latest);

    protected override async Task TickAsync() =>
        Volatile.Write(ref _latest, await QueueSnapshot.ReadAsync(_redis.GetDatabase()));

    // Gauges go silent rather than report stale numbers as current.
    protected override void OnTickFailed() => Volatile.Write(ref _latest, null);

    private IEnumerable<Measurement<long>> Observe(Func<QueueSnapshot, long> value) =>
        Latest is { } snapshot ? [new Measurement<long>(value(snapshot))] : [];
}
