using StackExchange.Redis;

namespace ResumeAspire.Core.Queue;

/// <summary>The producer side of the stream: used by the Api on enqueue.</summary>
public sealed class JobQueue(IConnectionMultiplexer redis)
{
    /// <summary>XADD and the wake-up PUBLISH go out in one round trip.</summary>
    public async Task<string> EnqueueAsync(JobMessage message)
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var add = batch.StreamAddAsync(QueueNames.Stream, message.ToStreamEntry());
        var wake = batch.PublishAsync(RedisChannel.Literal(QueueNames.WakeChannel), message.JobId.ToString());
        batch.Execute();
        await Task.WhenAll(add, wake);
        return add.Result.ToString();
    }
}
