using System.Globalization;
using StackExchange.Redis;

namespace ResumeAspire.Core.Queue;

/// <summary>Every write to the job queue: enqueue, retry scheduling, promotion, dead letter.</summary>
public sealed class JobQueue(IConnectionMultiplexer redis, WakePublisher wake)
{
    // Moves due retries back onto the stream in one atomic step, so two workers promoting at
    // once cannot both re-add the same retry. Members are "jobId|traceparent|tracestate|enqueuedAtMs".
    private static readonly LuaScript PromoteScript = LuaScript.Prepare("""
        local due = redis.call('ZRANGEBYSCORE', @delayed, '-inf', @now, 'LIMIT', 0, @limit)
        for _, member in ipairs(due) do
            redis.call('ZREM', @delayed, member)
            local a = string.find(member, '|', 1, true)
            local b = string.find(member, '|', a + 1, true)
            local c = string.find(member, '|', b + 1, true)
            redis.call('XADD', @stream, '*',
                'job_id', string.sub(member, 1, a - 1),
                'traceparent', string.sub(member, a + 1, b - 1),
                'tracestate', string.sub(member, b + 1, c - 1),
                'enqueued_at', string.sub(member, c + 1))
        end
        if #due > 0 then redis.call('PUBLISH', @wake, #due) end
        return #due
        """);

    /// <summary>
    /// XADD and the queued-set entry go out in one round trip; the wake-up for idle workers follows,
    /// shared with the other enqueues of the moment (<see cref="WakePublisher"/>).
    /// </summary>
    public async Task<string> EnqueueAsync(JobMessage message)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var add = batch.StreamAddAsync(QueueNames.Stream, message.ToStreamEntry());
        var queued = batch.SetAddAsync(QueueNames.QueuedSet, message.JobId.ToString());
        batch.Execute();
        await Task.WhenAll(add, queued);
        wake.Request();
        return add.Result.ToString();
    }

    /// <summary>
    /// XACK and XDEL in one round trip: an acknowledged entry is never read again, and keeping it
    /// would grow the stream by one entry per job forever (30,000 after one load test).
    /// XLEN therefore counts only entries not yet acknowledged.
    /// </summary>
    public async Task AcknowledgeAsync(RedisValue entryId)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var ack = batch.StreamAcknowledgeAsync(QueueNames.Stream, QueueNames.ConsumerGroup, entryId);
        var delete = batch.StreamDeleteAsync(QueueNames.Stream, [entryId]);
        batch.Execute();
        await Task.WhenAll(ack, delete);
    }

    public async Task ScheduleRetryAsync(JobMessage message, DateTimeOffset due)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var add = batch.SortedSetAddAsync(QueueNames.DelayedSet, message.ToMember(), due.ToUnixTimeMilliseconds());
        var queued = batch.SetAddAsync(QueueNames.QueuedSet, message.JobId.ToString());
        batch.Execute();
        await Task.WhenAll(add, queued);
    }

    /// <summary>Returns how many due retries went back onto the stream.</summary>
    public async Task<int> PromoteDueRetriesAsync(DateTimeOffset now, int limit = 100)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(PromoteScript, new
        {
            delayed = (RedisKey)QueueNames.DelayedSet,
            stream = (RedisKey)QueueNames.Stream,
            wake = QueueNames.WakeChannel,
            now = now.ToUnixTimeMilliseconds(),
            limit,
        });
        return (int)result;
    }

    public async Task DeadLetterAsync(Guid jobId, int attempts, string reason, DateTimeOffset at)
    {
        var batch = redis.GetDatabase().CreateBatch();
        var add = batch.StreamAddAsync(QueueNames.DeadLetterStream,
        [
            new NameValueEntry("job_id", jobId.ToString()),
            new NameValueEntry("attempts", attempts),
            new NameValueEntry("reason", reason),
            new NameValueEntry("failed_at", at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        ]);
        var forget = batch.SetRemoveAsync(QueueNames.QueuedSet, jobId.ToString());
        batch.Execute();
        await Task.WhenAll(add, forget);
    }

    /// <summary>The job reached a final state: the sweeper need not look for it any more.</summary>
    public Task ForgetAsync(Guid jobId) =>
        redis.GetDatabase().SetRemoveAsync(QueueNames.QueuedSet, jobId.ToString());

    /// <summary>Which of these jobs the queue knows about (in the stream or waiting for a retry).</summary>
    public async Task<IReadOnlyList<bool>> AreQueuedAsync(IReadOnlyList<Guid> jobIds)
    {
        if (jobIds.Count == 0)
        {
            return [];
        }

        return await redis.GetDatabase().SetContainsAsync(QueueNames.QueuedSet, jobIds.Select(id => (RedisValue)id.ToString()).ToArray());
    }

    public Task PublishCancelAsync(Guid jobId) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(QueueNames.CancelChannel), jobId.ToString());
}
