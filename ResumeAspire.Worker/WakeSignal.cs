namespace ResumeAspire.Worker;

/// <summary>
/// Wakes the idle reader early. StackExchange.Redis cannot block on XREADGROUP over its shared
/// connection, so the reader polls with back-off and this cuts the wait short when a job arrives.
/// </summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one pending wake-up is enough.
        }
    }

    /// <summary>True when woken, false when the timeout passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);
}
