namespace ResumeAspire.Worker;

/// <summary>
/// Wakes the idle reader early. StackExchange.Redis cannot block on XREADGROUP over its shared
/// connection, so the reader polls with back-off and this cuts the wait short when a job arrives.
/// </summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    // 1 from a Set until the reader takes the wake-up. Wake-ups arrive by the thousand a second under
    // load while the reader is busy; releasing a full semaphore throws, and each of those throws
    // cost more CPU than the job whose message caused it (bench/README.md, 2026-12-08).
    private int _pending;

    public void Set()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>True when woken, false when the timeout passed.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _signal.WaitAsync(timeout, cancellationToken))
        {
            return false;
        }

        // Cleared before the caller reads the stream: a Set that lands between the two is for an
        // entry that read will see anyway.
        Volatile.Write(ref _pending, 0);
        return true;
    }
}
