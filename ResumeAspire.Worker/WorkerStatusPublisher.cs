using Microsoft.Extensions.Options;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>Reports this worker's consumer name and jobs in flight every <see cref="WorkerOptions.StatusInterval"/>.</summary>
public sealed class WorkerStatusPublisher(
    JobConsumer consumer, IConnectionMultiplexer redis, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<WorkerStatusPublisher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StatusInterval, clock);
        do
        {
            try
            {
                await new WorkerStatus(consumer.ConsumerName, consumer.InFlight, options.Value.Concurrency, clock.GetUtcNow())
                    .PublishAsync(redis.GetDatabase());
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Redis is away; the consumer loop reports that. The next tick tries again.
                logger.LogDebug(e, "Could not publish the worker status");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

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
            logger.LogDebug(e, "Could not remove the worker status");
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
