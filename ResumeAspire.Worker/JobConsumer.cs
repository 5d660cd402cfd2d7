using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>
/// Reads the stream as one member of the consumer group and hands each entry to
/// <see cref="JobProcessor"/>, never holding more entries than it has free slots.
/// </summary>
public sealed class JobConsumer(
    IConnectionMultiplexer redis,
    JobProcessor processor,
    WakeSignal wake,
    IOptions<WorkerOptions> options,
    ILogger<JobConsumer> logger) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    public string ConsumerName { get; } = options.Value.ConsumerName
        ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(QueueNames.WakeChannel), (_, _) => wake.Set());
        logger.LogInformation("Consumer {Consumer} reading {Stream} in group {Group} with {Concurrency} slots",
            ConsumerName, QueueNames.Stream, QueueNames.ConsumerGroup, _options.Concurrency);

        var slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
        var idleDelay = _options.MinPollInterval;
        var groupReady = false;

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

                var entries = await ReadAsync(wanted, slots);
                foreach (var entry in entries)
                {
                    Track(RunAsync(entry, slots, stoppingToken));
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
                // The stream was deleted (e.g. Redis lost its data): recreate the group on the next turn.
                groupReady = false;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning("Redis is unavailable, backing off: {Reason}", e.Message);
                await BackOffAsync(stoppingToken);
            }
        }

        // Shutdown: let what is running finish; anything unacknowledged stays pending for another worker.
        await Task.WhenAll(_inFlight.Keys);
    }

    private async Task<StreamEntry[]> ReadAsync(int wanted, SemaphoreSlim slots)
    {
        var read = 0;
        try
        {
            var entries = await redis.GetDatabase().StreamReadGroupAsync(
                QueueNames.Stream, QueueNames.ConsumerGroup, ConsumerName, StreamPosition.NewMessages, wanted);
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

    private async Task BackOffAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(_options.MaxPollInterval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down; the loop condition ends it.
        }
    }

    private async Task RunAsync(StreamEntry entry, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            var message = JobMessage.FromStreamEntry(entry);
            var acknowledge = message is null || await processor.ProcessAsync(message, stoppingToken);
            if (acknowledge)
            {
                await redis.GetDatabase().StreamAcknowledgeAsync(QueueNames.Stream, QueueNames.ConsumerGroup, entry.Id);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Processing stream entry {EntryId} failed; it stays pending", entry.Id);
        }
        finally
        {
            slots.Release();
        }
    }

    private void Track(Task task)
    {
        _inFlight.TryAdd(task, 0);
        task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
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
    }
}
