namespace ResumeAspire.Worker;

/// <summary>Exponential back-off with jitter, so a burst of failed jobs does not come back as a burst.</summary>
public static class RetryPolicy
{
    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        // "Equal jitter": at least half the back-off, so retries never bunch up at zero.
        return TimeSpan.FromMilliseconds(capped / 2 + (capped / 2 * random));
    }
}
