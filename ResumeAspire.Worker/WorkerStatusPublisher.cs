using Microsoft.Extensions.Options;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>Reports this worker's consumer name and jobs in flight every <see cref="WorkerOptions.StatusInterval"/>.</summary>
public sealed class WorkerStatusPublisher(
    JobConsumer consumer, IConnectionMultiplexer redis, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<WorkerStatusPublisher> logger)
    : RedisTimerService(options.Value.StatusInterval, clock, logger)
{
    protected override Task TickAsync() =>
        new WorkerStatus(consumer.ConsumerName, consumer.InFlight, options.Value.Concurrency, Clock.GetUtcNow())
            .PublishAsync(redis.GetDatabase());

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // A worker that stops cleanly leaves the overview at once instead of looking stale.
            await WorkerStatus.RemoveAsync(redis.GetDatabase(), consumer.ConsumerName);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Logger.LogDebug(e, "Could not remove the worker status");
        }
    }
}
