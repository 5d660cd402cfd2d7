using Microsoft.Extensions.Options;

namespace ResumeAspire.Worker.Retention;

/// <summary>
/// Runs <see cref="RetentionCleaner"/> every <see cref="RetentionOptions.Interval"/>. Every replica
/// runs it: the deletes skip locked rows and are idempotent, so overlapping rounds only share work.
/// </summary>
public sealed class RetentionService(
    RetentionCleaner cleaner,
    TimeProvider clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;

        // Replicas started together would otherwise run in lock-step for ever.
        if (!await DelayAsync(Jittered(interval / 10), stoppingToken))
        {
            return;
        }

        do
        {
            try
            {
                var result = await cleaner.RunOnceAsync(stoppingToken);
                if (result.Total > 0)
                {
                    logger.LogInformation(
                        "Retention deleted {CompletedJobs} completed, {FailedJobs} failed and {CancelledJobs} cancelled jobs and {Documents} documents in {Batches} batches",
                        result.CompletedJobs, result.FailedJobs, result.CancelledJobs, result.Documents, result.Batches);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database hiccup must not end the loop; the next round retries.
                logger.LogError(e, "Retention round failed");
            }
        }
        while (await DelayAsync(interval + Jittered(interval / 10), stoppingToken));
    }

    private static TimeSpan Jittered(TimeSpan max) => max * Random.Shared.NextDouble();

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
