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

    public static JobProgress? Parse(RedisValue payload) =>
        payload.IsNullOrEmpty ? null : JsonSerializer.Deserialize<JobProgress>(payload.ToString(), WireOptions);
}
