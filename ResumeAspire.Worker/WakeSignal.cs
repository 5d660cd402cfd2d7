namespace ResumeAspire.Worker;

/// <summary>
/// Wakes the idle reader early. StackExchange.Redis cannot block on XREADGROUP over its shared
/// connection, so the reader polls with back-off and this cuts the wait short when a job arrives.
/// </summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    // 1 from a Set until the reader takes the wake-up. Under load wake-ups arrived by the thousand a
    // second while the reader was busy, and releasing a full semaphore throws: an exception per
    // enqueue was part of what the Worker spent per job beside enqueue load (bench/README.md, 2026-12-08).
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

        // Cleared before the caller reads the stream: a Set that lands between the wait and this
        // write is for an entry the caller's next read sees anyway.
        Volatile.Write(ref _pending, 0);
        return true;
    }
}
