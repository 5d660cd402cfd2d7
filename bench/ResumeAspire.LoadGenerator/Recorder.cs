using System.Collections.Concurrent;
using System.Diagnostics;

namespace ResumeAspire.LoadGenerator;

/// <summary>Per-endpoint latency, status codes and a per-second timeline; job outcomes.</summary>
public sealed class Recorder
{
    public const string Register = "register";
    public const string Login = "login";
    public const string CreateCandidate = "create-candidate";
    public const string ListCandidates = "list-candidates";
    public const string Enqueue = "enqueue";
    public const string Status = "status";
    public const string Download = "download";
    public const string MyJobs = "my-jobs";

    private readonly ConcurrentDictionary<string, EndpointStats> _endpoints = new();
    private readonly int _timelineSeconds;

    public Recorder(int timelineSeconds)
    {
        _timelineSeconds = timelineSeconds;
    }

    /// <summary>Stopwatch timestamp from which samples count (the end of the warm-up).</summary>
    public long MeasureFrom { get; set; } = long.MaxValue;

    /// <summary>Stopwatch timestamp after which no new request counts (the end of the run).</summary>
    public long MeasureUntil { get; set; } = long.MaxValue;

    /// <summary>Stopwatch timestamp that second 0 of the timeline starts at.</summary>
    public long TimelineStart { get; set; } = Stopwatch.GetTimestamp();

    public IReadOnlyDictionary<string, EndpointStats> Endpoints => _endpoints;

    public JobStats Jobs { get; } = new();

    /// <summary>How late the poll scenario's scheduled polls were sent (load generator saturation).</summary>
    public Histogram ScheduleLag { get; } = new();

    public bool InWindow(long startTimestamp) => startTimestamp >= MeasureFrom && startTimestamp < MeasureUntil;

    public void Record(string endpoint, long start, long end, string outcome)
    {
        var stats = _endpoints.GetOrAdd(endpoint, _ => new EndpointStats(_timelineSeconds));
        var second = (int)((end - TimelineStart) / Stopwatch.Frequency);
        if (second >= 0 && second < _timelineSeconds)
        {
            Interlocked.Increment(ref stats.Timeline[second]);
        }

        if (!InWindow(start))
        {
            return;
        }

        stats.Latency.Record(Micros(end - start));
        stats.Outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
    }

    public static long Micros(long stopwatchTicks) => stopwatchTicks * 1_000_000 / Stopwatch.Frequency;
}

public sealed class EndpointStats(int timelineSeconds)
{
    public Histogram Latency { get; } = new();

    /// <summary>"200", "202", "429", …, or "error:&lt;exception&gt;" for a request that got no answer.</summary>
    public ConcurrentDictionary<string, long> Outcomes { get; } = new();

    /// <summary>Responses completed in each second since the timeline start (warm-up included).</summary>
    public long[] Timeline { get; } = new long[timelineSeconds];
}

public sealed class JobStats
{
    private long _accepted;
    private long _cached;
    private long _completed;
    private long _failed;
    private long _cancelled;
    private long _timedOut;
    private long _rejected429;

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Cached => Interlocked.Read(ref _cached);
    public long Completed => Interlocked.Read(ref _completed);
    public long Failed => Interlocked.Read(ref _failed);
    public long Cancelled => Interlocked.Read(ref _cancelled);
    public long TimedOut => Interlocked.Read(ref _timedOut);
    public long Rejected429 => Interlocked.Read(ref _rejected429);

    /// <summary>Client-observed: enqueue request sent → the poll that first saw COMPLETED (quantised by the poll interval).</summary>
    public Histogram EndToEndObserved { get; } = new();

    /// <summary>Server timestamps from job-status: completed_at − created_at.</summary>
    public Histogram EndToEndServer { get; } = new();

    /// <summary>Server timestamps from job-status: started_at − created_at (time in the queue).</summary>
    public Histogram QueueWaitServer { get; } = new();

    public void AddAccepted(bool cached)
    {
        Interlocked.Increment(ref _accepted);
        if (cached)
        {
            Interlocked.Increment(ref _cached);
        }
    }

    public void AddCompleted() => Interlocked.Increment(ref _completed);
    public void AddFailed() => Interlocked.Increment(ref _failed);
    public void AddCancelled() => Interlocked.Increment(ref _cancelled);
    public void AddTimedOut() => Interlocked.Increment(ref _timedOut);
    public void Add429() => Interlocked.Increment(ref _rejected429);
}
