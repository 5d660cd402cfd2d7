using Microsoft.Extensions.Diagnostics.HealthChecks;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>
/// Ready only when this worker can actually receive jobs: the stream's consumer group exists and
/// this process is one of its consumers. Redis answering PING is not enough for that.
/// </summary>
public sealed class ConsumerGroupHealthCheck(IConnectionMultiplexer redis, JobConsumer consumer) : IHealthCheck
{
    public const string Name = "consumer-group";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        StreamConsumerInfo[] consumers;
        try
        {
            consumers = await redis.GetDatabase().StreamConsumerInfoAsync(QueueNames.Stream, QueueNames.ConsumerGroup);
        }
        catch (RedisServerException e) when (QueueSnapshot.IsMissingGroup(e))
        {
            return HealthCheckResult.Unhealthy($"Consumer group {QueueNames.ConsumerGroup} on {QueueNames.Stream} does not exist.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis did not answer.", e);
        }

        return consumers.Any(c => c.Name == consumer.ConsumerName)
            ? HealthCheckResult.Healthy($"{consumer.ConsumerName} in {QueueNames.ConsumerGroup}, {consumer.InFlight} jobs in flight.")
            : HealthCheckResult.Unhealthy($"{consumer.ConsumerName} has not joined {QueueNames.ConsumerGroup} yet.");
    }
}
