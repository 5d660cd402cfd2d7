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
public sealed class QueueMetrics : BackgroundService
{
    private readonly IConnectionMultiplexer _redis;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<QueueMetrics> _logger;
    private QueueSnapshot? _latest;

    public QueueMetrics(
        JobsTelemetry telemetry, JobConsumer consumer, IConnectionMultiplexer redis, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<QueueMetrics> logger)
    {
        (_redis, _options, _clock, _logger) = (redis, options.Value, clock, logger);
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.QueueMetricsInterval, _clock);
        do
        {
            try
            {
                Volatile.Write(ref _latest, await QueueSnapshot.ReadAsync(_redis.GetDatabase()));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Gauges go silent rather than report stale numbers as current.
                Volatile.Write(ref _latest, null);
                _logger.LogDebug(e, "Could not read the queue for its gauges");
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private IEnumerable<Measurement<long>> Observe(Func<QueueSnapshot, long> value) =>
        Latest is { } snapshot ? [new Measurement<long>(value(snapshot))] : [];

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
