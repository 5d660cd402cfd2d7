using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>
/// Runs one Redis step at once and then on every tick. A Redis error skips that tick only: the
/// consumer loop is what reports Redis being away, these side jobs just try again.
/// </summary>
public abstract class RedisTimerService(TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    protected abstract Task TickAsync();

    /// <summary>What to do when a tick failed on Redis (e.g. drop a value that is now stale).</summary>
    protected virtual void OnTickFailed()
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await TickAsync();
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                OnTickFailed();
                logger.LogDebug(e, "{Service} skipped a tick: Redis did not answer", GetType().Name);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken ct)
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
