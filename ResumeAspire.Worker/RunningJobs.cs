namespace ResumeAspire.Worker;

/// <summary>
/// The jobs this process is delivering, so a cancel signal from the Api can abort one at once.
/// A job can have two deliveries here at once (a duplicate entry that is about to find the job
/// already claimed): each registers its own token and removes only its own.
/// </summary>
public sealed class RunningJobs
{
    private readonly Dictionary<Guid, List<CancellationTokenSource>> _jobs = [];
    private readonly Lock _lock = new();

    public void Add(Guid jobId, CancellationTokenSource cancel)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(jobId, out var deliveries))
            {
                _jobs[jobId] = deliveries = [];
            }

            deliveries.Add(cancel);
        }
    }

    public void Remove(Guid jobId, CancellationTokenSource cancel)
    {
        lock (_lock)
        {
            if (_jobs.TryGetValue(jobId, out var deliveries) && deliveries.Remove(cancel) && deliveries.Count == 0)
            {
                _jobs.Remove(jobId);
            }
        }
    }

    public bool Cancel(Guid jobId)
    {
        CancellationTokenSource[] deliveries;
        lock (_lock)
        {
            if (!_jobs.TryGetValue(jobId, out var registered))
            {
                return false;
            }

            deliveries = [.. registered];
        }

        foreach (var cancel in deliveries)
        {
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // That delivery finished in the meantime.
            }
        }

        return true;
    }
}
