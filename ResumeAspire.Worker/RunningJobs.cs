using System.Collections.Concurrent;

namespace ResumeAspire.Worker;

/// <summary>The jobs this process is running, so a cancel signal from the Api can abort one at once.</summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _jobs = new();

    public int Count => _jobs.Count;

    public void Add(Guid jobId, CancellationTokenSource cancel) => _jobs[jobId] = cancel;

    public void Remove(Guid jobId) => _jobs.TryRemove(jobId, out _);

    public bool Cancel(Guid jobId)
    {
        if (!_jobs.TryGetValue(jobId, out var cancel))
        {
            return false;
        }

        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The job finished in the meantime.
        }

        return true;
    }
}
