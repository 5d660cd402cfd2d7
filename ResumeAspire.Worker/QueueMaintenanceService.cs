using Microsoft.Extensions.Options;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>
/// Moves due retries back onto the stream and runs the lost-message sweeper. Every replica runs
/// it; both steps are safe to run concurrently (an atomic script, idempotent re-publishing).
/// </summary>
public sealed class QueueMaintenanceService(JobQueue queue, LostJobSweeper sweeper, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<QueueMaintenanceService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = clock.GetUtcNow() + options.Value.SweepInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.PromoteDueRetriesAsync(clock.GetUtcNow());
                if (clock.GetUtcNow() >= nextSweep)
                {
                    nextSweep = clock.GetUtcNow() + options.Value.SweepInterval;
                    await sweeper.SweepAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is RedisException or TimeoutException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning("Queue maintenance skipped a round: {Reason}", e.Message);
            }

            try
            {
                await Task.Delay(options.Value.PromoteInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
