using System.Text.Json;
using StackExchange.Redis;

namespace ResumeAspire.Core.Queue;

/// <summary>
/// What a worker reports about itself every few seconds, in hash <see cref="QueueNames.WorkerStatusHash"/>
/// keyed by consumer name, so the Api's queue overview can show jobs in flight and when each
/// worker was last seen (Redis' consumer idle time alone cannot tell busy from dead).
/// </summary>
public sealed record WorkerStatus(string Consumer, int InFlight, int Slots, DateTimeOffset LastSeen)
{
    public Task PublishAsync(IDatabase redis) =>
        redis.HashSetAsync(QueueNames.WorkerStatusHash, Consumer, JsonSerializer.Serialize(this, JobProgressNotifier.WireOptions));

    public static Task RemoveAsync(IDatabase redis, string consumer) =>
        redis.HashDeleteAsync(QueueNames.WorkerStatusHash, consumer);

    public static async Task<IReadOnlyDictionary<string, WorkerStatus>> ReadAllAsync(IDatabase redis)
    {
        var entries = await redis.HashGetAllAsync(QueueNames.WorkerStatusHash);
        var statuses = new Dictionary<string, WorkerStatus>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            try
            {
                if (JsonSerializer.Deserialize<WorkerStatus>(entry.Value.ToString(), JobProgressNotifier.WireOptions) is { } status)
                {
                    statuses[entry.Name.ToString()] = status;
                }
            }
            catch (JsonException)
            {
                // A foreign or older entry: the overview simply shows no status for that consumer.
            }
        }

        return statuses;
    }
}
