using System.Text.Json;
using StackExchange.Redis;

namespace ResumeAspire.Core.Queue;

/// <summary>Publishes a job's progress on its owner's channel; the Api relays it as server-sent events.</summary>
public sealed class JobProgressNotifier(IConnectionMultiplexer redis)
{
    public static readonly JsonSerializerOptions WireOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Best effort: progress is also in PostgreSQL, so a lost notification only delays the UI until its next poll.</summary>
    public async Task PublishAsync(string userId, JobProgress progress)
    {
        try
        {
            var payload = JsonSerializer.Serialize(progress, WireOptions);
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(QueueNames.ProgressChannel(userId)), payload);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Deliberately swallowed: see the summary.
        }
    }

    /// <summary>
    /// The same, fire-and-forget: the command is queued on the multiplexer's connection and not
    /// awaited (a job's notifications still go out in order, on one connection). For the worker's
    /// hot path, where an awaited round trip per step cost more than the step.
    /// </summary>
    public void Publish(string userId, JobProgress progress)
    {
        try
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(progress, WireOptions);
            redis.GetSubscriber().Publish(RedisChannel.Literal(QueueNames.ProgressChannel(userId)), payload, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Deliberately swallowed: see PublishAsync.
        }
    }

    public static JobProgress? Parse(RedisValue payload) =>
        payload.IsNullOrEmpty ? null : JsonSerializer.Deserialize<JobProgress>(payload.ToString(), WireOptions);
}
