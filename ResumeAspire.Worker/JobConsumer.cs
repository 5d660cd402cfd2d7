using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>
/// One member of the consumer group: reads new entries, takes over entries a dead worker left
/// idle (XAUTOCLAIM), claims the jobs of each read in one statement (<see cref="JobClaimer"/>) and
/// hands each claimed job to <see cref="JobProcessor"/>, never holding more entries than it has
/// free slots. An entry is acknowledged (<see cref="StreamAcknowledger"/>) only once its job no
/// longer needs it.
/// </summary>
public sealed class JobConsumer(
    IConnectionMultiplexer redis,
    JobClaimer claimer,
    JobProcessor processor,
    StreamAcknowledger acknowledger,
    RunningJobs running,
    WakeSignal wake,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<JobConsumer> logger) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly CancellationTokenSource _drain = new();
    private int _running;

    public string ConsumerName { get; } = options.Value.ConsumerName
        ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Entries read and not yet done with (claiming, running, or about to be acknowledged).</summary>
    public int InFlight => Volatile.Read(ref _running);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal(QueueNames.WakeChannel), (_, _) => wake.Set());
        await subscriber.SubscribeAsync(RedisChannel.Literal(QueueNames.CancelChannel), (_, value) =>
        {
            if (Guid.TryParse(value.ToString(), out var jobId))
            {
                running.Cancel(jobId);
            }
        });
        logger.LogInformation("Consumer {Consumer} reading {Stream} in group {Group} with {Concurrency} slots",
            ConsumerName, QueueNames.Stream, QueueNames.ConsumerGroup, _options.Concurrency);

        var slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
        var idleDelay = _options.MinPollInterval;
        var groupReady = false;
        var nextReclaim = clock.GetUtcNow();

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupReady)
                {
                    await EnsureGroupAsync();
                    groupReady = true;
                }

                await slots.WaitAsync(stoppingToken);
                var wanted = 1;
                while (wanted < _options.Concurrency && slots.Wait(0))
                {
                    wanted++;
                }

                var reclaim = clock.GetUtcNow() >= nextReclaim;
                if (reclaim)
                {
                    nextReclaim = clock.GetUtcNow() + _options.ReclaimInterval;
                }

                var entries = await ReadAsync(wanted, slots, reclaim);
                if (entries.Length > 0)
                {
                    Interlocked.Add(ref _running, entries.Length);
                    Track(RunReadAsync(entries, slots));
                }

                if (entries.Length == 0)
                {
                    await wake.WaitAsync(idleDelay, stoppingToken);
                    idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, _options.MaxPollInterval.Ticks));
                }
                else
                {
                    idleDelay = _options.MinPollInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // The stream is gone (Redis lost its data): recreate the group on the next turn.
                logger.LogWarning("Consumer group missing; recreating it");
                groupReady = false;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning("Redis is unavailable, backing off: {Reason}", e.Message);
                await BackOffAsync(stoppingToken);
            }
        }

        await DrainAsync();
        await LeaveGroupAsync();
    }

    /// <summary>
    /// Shutdown: no new reads; running jobs get <see cref="WorkerOptions.ShutdownGrace"/> to
    /// finish, then the rest are handed back to the queue for another worker.
    /// </summary>
    private async Task DrainAsync()
    {
        var all = Task.WhenAll(_inFlight.Keys);
        if (await Task.WhenAny(all, Task.Delay(_options.ShutdownGrace, clock)) != all)
        {
            logger.LogInformation("Handing {Count} running job(s) back to the queue", _inFlight.Count);
            await _drain.CancelAsync();
        }

        await all;
    }

    private async Task<StreamEntry[]> ReadAsync(int wanted, SemaphoreSlim slots, bool reclaim)
    {
        var read = 0;
        try
        {
            var db = redis.GetDatabase();
            var entries = Array.Empty<StreamEntry>();
            if (reclaim)
            {
                // Entries idle longer than a job may run belong to a worker that died or hung.
                var claimed = await db.StreamAutoClaimAsync(QueueNames.Stream, QueueNames.ConsumerGroup, ConsumerName,
                    (long)_options.ReclaimMinIdle.TotalMilliseconds, "0-0", wanted);
                entries = claimed.ClaimedEntries.Where(e => !e.IsNull).ToArray();
                if (entries.Length > 0)
                {
                    logger.LogInformation("Reclaimed {Count} stalled entr(ies) from dead or hung workers", entries.Length);
                }
            }

            if (entries.Length < wanted)
            {
                var fresh = await db.StreamReadGroupAsync(
                    QueueNames.Stream, QueueNames.ConsumerGroup, ConsumerName, StreamPosition.NewMessages, wanted - entries.Length);
                entries = [.. entries, .. fresh];
            }

            read = entries.Length;
            return entries;
        }
        finally
        {
            // Give back the slots this read did not fill (all of them if it threw).
            if (wanted > read)
            {
                slots.Release(wanted - read);
            }
        }
    }

    /// <summary>
    /// The entries of one read: one claim for all of them, then each claimed job runs on its own
    /// (tailor and render are CPU work: they spread over the thread pool). A claim that fails
    /// (PostgreSQL away) leaves every entry pending for the reclaimer.
    /// </summary>
    private async Task RunReadAsync(StreamEntry[] entries, SemaphoreSlim slots)
    {
        var deliveries = new List<JobDelivery>(entries.Length);
        foreach (var entry in entries)
        {
            if (JobMessage.FromStreamEntry(entry) is { } message)
            {
                deliveries.Add(new JobDelivery(entry.Id, message, running));
            }
            else
            {
                // Not a job message: acknowledged, not retried forever.
                acknowledger.Acknowledge(entry.Id);
                Done(slots);
            }
        }

        if (deliveries.Count == 0)
        {
            return;
        }

        var claimedAt = clock.GetUtcNow();
        Dictionary<Guid, ClaimedJob> claimed;
        var previous = Activity.Current;
        try
        {
            // The shared statement shows in the first job's trace (an Npgsql span has one parent).
            Activity.Current = deliveries[0].Activity;
            claimed = new(await claimer.ClaimAsync([.. deliveries.Select(d => d.Message.JobId).Distinct()], claimedAt, _drain.Token));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Claiming {Count} job(s) failed; their entries stay pending", deliveries.Count);
            foreach (var delivery in deliveries)
            {
                delivery.Activity?.SetStatus(ActivityStatusCode.Error, "claim failed");
                delivery.Dispose();
                Done(slots);
            }

            return;
        }
        finally
        {
            Activity.Current = previous;
        }

        // A job listed twice in one read (duplicate entries) runs in the first delivery only.
        var runs = new List<Task>(deliveries.Count);
        foreach (var delivery in deliveries)
        {
            var job = claimed.Remove(delivery.Message.JobId, out var owned) ? owned : null;
            runs.Add(Task.Run(() => RunAsync(delivery, job, claimedAt, slots)));
        }

        await Task.WhenAll(runs);
    }

    private async Task RunAsync(JobDelivery delivery, ClaimedJob? job, DateTimeOffset claimedAt, SemaphoreSlim slots)
    {
        Activity.Current = delivery.Activity;
        try
        {
            var outcome = await processor.ProcessAsync(delivery, job, claimedAt, _drain.Token);
            if (outcome != DeliveryOutcome.KeepPending)
            {
                acknowledger.Acknowledge(delivery.EntryId, outcome == DeliveryOutcome.AcknowledgeFinal ? delivery.Message.JobId : null);
            }
        }
        catch (Exception e)
        {
            // Typically PostgreSQL or Redis down mid-job: the entry stays pending and is reclaimed later.
            logger.LogError(e, "Processing stream entry {EntryId} failed; it stays pending", delivery.EntryId);
        }
        finally
        {
            delivery.Dispose();
            Done(slots);
        }
    }

    private void Done(SemaphoreSlim slots)
    {
        Interlocked.Decrement(ref _running);
        slots.Release();
    }

    private void Track(Task task)
    {
        _inFlight.TryAdd(task, 0);
        task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task BackOffAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(_options.MaxPollInterval, clock, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down; the loop condition ends it.
        }
    }

    private async Task EnsureGroupAsync()
    {
        try
        {
            await redis.GetDatabase().StreamCreateConsumerGroupAsync(QueueNames.Stream, QueueNames.ConsumerGroup, "0", createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another worker created it first.
        }

        // Joined before the first read: Redis only registers a consumer once a read returns
        // entries, and an idle worker must still show in the group (health, queue overview).
        await redis.GetDatabase().ExecuteAsync("XGROUP", "CREATECONSUMER", QueueNames.Stream, QueueNames.ConsumerGroup, ConsumerName);
    }

    /// <summary>
    /// Leaves the group on a clean stop so the overview and the consumers gauge do not count
    /// departed workers forever. A consumer still holding entries stays: deleting it would
    /// drop them from the pending list, out of the reclaimer's reach.
    /// </summary>
    private async Task LeaveGroupAsync()
    {
        try
        {
            var db = redis.GetDatabase();
            var held = await db.StreamPendingMessagesAsync(QueueNames.Stream, QueueNames.ConsumerGroup, 1, ConsumerName);
            if (held.Length == 0)
            {
                await db.ExecuteAsync("XGROUP", "DELCONSUMER", QueueNames.Stream, QueueNames.ConsumerGroup, ConsumerName);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogDebug(e, "Could not leave the consumer group");
        }
    }

    public override void Dispose()
    {
        _drain.Dispose();
        base.Dispose();
    }
}
