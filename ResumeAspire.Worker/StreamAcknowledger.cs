using System.Threading.Channels;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>
/// Acknowledges stream entries in groups: one XACK, one XDEL and one SREM (the lost-job sweeper's
/// set) for every entry handed over while the previous group was on the wire, instead of a round
/// trip per job. Callers hand an entry over only once its job no longer needs it (final and
/// committed, re-queued under a new entry, or owned by another delivery). If Redis fails, the
/// entries stay pending: the reclaimer redelivers them and their conditional claim finds nothing
/// to do, so a lost acknowledgement costs a redelivery, never a job.
/// </summary>
public sealed class StreamAcknowledger(IConnectionMultiplexer redis, ILogger<StreamAcknowledger> logger) : BackgroundService
{
    /// <summary>Most entries in one XACK.</summary>
    public const int MaxGroup = 256;

    private readonly Channel<(RedisValue EntryId, Guid? Forget)> _pending = Channel.CreateUnbounded<(RedisValue, Guid?)>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <param name="forget">The job whose id leaves the queued set: it reached a final state.</param>
    public void Acknowledge(RedisValue entryId, Guid? forget = null)
    {
        if (!_pending.Writer.TryWrite((entryId, forget)))
        {
            // Stopped already: the entry stays pending and is reclaimed, which is safe.
            logger.LogDebug("Entry {EntryId} not acknowledged: the acknowledger has stopped", entryId);
        }
    }

    // Stops when StopAsync closes the channel and it is empty: handed-over entries are acknowledged.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var entries = new List<RedisValue>(MaxGroup);
        var forgets = new List<RedisValue>(MaxGroup);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (entries.Count < MaxGroup && _pending.Reader.TryRead(out var next))
            {
                entries.Add(next.EntryId);
                if (next.Forget is { } jobId)
                {
                    forgets.Add(jobId.ToString());
                }
            }

            await SendAsync(entries, forgets);
            entries.Clear();
            forgets.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task SendAsync(List<RedisValue> entries, List<RedisValue> forgets)
    {
        try
        {
            var ids = entries.ToArray();
            var batch = redis.GetDatabase().CreateBatch();
            // SREM first: a sweeper that sees neither the entry nor the id only looks at PENDING rows, and these are final.
            var forget = forgets.Count > 0 ? batch.SetRemoveAsync(QueueNames.QueuedSet, [.. forgets]) : Task.CompletedTask;
            var ack = batch.StreamAcknowledgeAsync(QueueNames.Stream, QueueNames.ConsumerGroup, ids);
            // XDEL too: an acknowledged entry is never read again, and keeping it would grow the stream forever.
            var delete = batch.StreamDeleteAsync(QueueNames.Stream, ids);
            batch.Execute();
            await Task.WhenAll(forget, ack, delete);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Acknowledging {Count} entries failed; they stay pending and are reclaimed: {Reason}", entries.Count, e.Message);
        }
    }
}
