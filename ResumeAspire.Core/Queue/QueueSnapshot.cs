using StackExchange.Redis;

namespace ResumeAspire.Core.Queue;

/// <summary>What the queue holds at one moment, as Redis reports it.</summary>
/// <param name="Pending">Entries delivered to a consumer and not yet acknowledged.</param>
public sealed record QueueSnapshot(long Length, long Pending, long Delayed, long DeadLetters, IReadOnlyList<QueueSnapshot.Consumer> Consumers)
{
    public sealed record Consumer(string Name, long Pending, long IdleMs);

    /// <summary>Five reads sent together: one round trip's worth of latency, not five.</summary>
    public static async Task<QueueSnapshot> ReadAsync(IDatabase redis)
    {
        var length = redis.StreamLengthAsync(QueueNames.Stream);
        var delayed = redis.SortedSetLengthAsync(QueueNames.DelayedSet);
        var deadLetters = redis.StreamLengthAsync(QueueNames.DeadLetterStream);
        var pending = redis.StreamPendingAsync(QueueNames.Stream, QueueNames.ConsumerGroup);
        var consumers = redis.StreamConsumerInfoAsync(QueueNames.Stream, QueueNames.ConsumerGroup);

        long pendingCount;
        StreamConsumerInfo[] consumerInfo;
        try
        {
            pendingCount = (await pending).PendingMessageCount;
            consumerInfo = await consumers;
        }
        catch (RedisServerException e) when (IsMissingGroup(e))
        {
            // No worker has ever started: no group, nothing pending, nobody consuming.
            await Task.WhenAll(Observe(pending), Observe(consumers));
            (pendingCount, consumerInfo) = (0, []);
        }

        return new QueueSnapshot(
            await length,
            pendingCount,
            await delayed,
            await deadLetters,
            [.. consumerInfo.Select(c => new Consumer(c.Name.ToString(), c.PendingMessageCount, c.IdleTimeInMilliseconds))]);
    }

    public static bool IsMissingGroup(RedisServerException e) =>
        e.Message.StartsWith("NOGROUP", StringComparison.Ordinal) || e.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase);

    /// <summary>Awaits a read that failed alongside another, so its exception is not left unobserved.</summary>
    private static async Task Observe(Task read)
    {
        try
        {
            await read;
        }
        catch (RedisServerException)
        {
        }
    }
}
