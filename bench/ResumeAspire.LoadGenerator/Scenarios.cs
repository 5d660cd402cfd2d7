using System.Diagnostics;

namespace ResumeAspire.LoadGenerator;

/// <summary>The virtual users' loops. Each stops issuing requests once <c>stop</c> fires.</summary>
public sealed class Scenarios(Options options, ApiClient api, Recorder recorder, CancellationToken stop)
{
    private const string Completed = "COMPLETED";
    private const string Failed = "FAILED";
    private const string Cancelled = "CANCELLED";
    private static long _requisition = DateTimeOffset.UtcNow.ToUnixTimeSeconds() * 100_000;

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(10);

    public Task RunAsync(VirtualUser user) => options.Scenario switch
    {
        Scenario.Mix => MixAsync(user),
        Scenario.Enqueue => EnqueueAsync(user),
        Scenario.Poll => PollAsync(user),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Gives every user a job to poll (not measured); a job from an earlier run is reused.</summary>
    public async Task PreparePollAsync(VirtualUser user)
    {
        if (user.PollJobId is { } existing && (await api.StatusAsync(user.Token, existing)).Ok)
        {
            return;
        }

        var random = new Random(options.Seed + user.Index);
        var result = await api.EnqueueAsync(user.Token, user.CandidateId, $"POLL-{user.Index}",
            Workload.JobDescription(random, Interlocked.Increment(ref _requisition)), options.FileType);
        if (result is { Ok: true, Body: { } body })
        {
            user.PollJobId = body.JobId;
        }
    }

    private async Task MixAsync(VirtualUser user)
    {
        var random = new Random(options.Seed + user.Index);
        var history = new List<string>(3);
        // Users do not start in lock step: spread the first enqueues over one poll interval.
        await DelayAsync(random.NextDouble() * options.PollInterval.TotalMilliseconds);
        for (var cycle = 1L; !stop.IsCancellationRequested; cycle++)
        {
            var description = Description(random, history);
            var sent = Stopwatch.GetTimestamp();
            var enqueued = await api.EnqueueAsync(user.Token, user.CandidateId, $"LOAD-{user.Index}-{cycle}", description, options.FileType);
            if (!await AcceptedAsync(enqueued, sent) || enqueued.Body is not { } job)
            {
                continue;
            }

            var status = job.Status;
            StatusResponse? last = null;
            var deadline = sent + (long)(options.JobTimeout.TotalSeconds * Stopwatch.Frequency);
            while (status is not (Completed or Failed or Cancelled) && !stop.IsCancellationRequested)
            {
                await DelayAsync(options.PollInterval.TotalMilliseconds);
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                var polled = await api.StatusAsync(user.Token, job.JobId);
                if (polled is { Ok: true, Body: { } body })
                {
                    status = body.Status;
                    last = body;
                }

                if (Stopwatch.GetTimestamp() > deadline)
                {
                    if (recorder.InWindow(Stopwatch.GetTimestamp()))
                    {
                        recorder.Jobs.AddTimedOut();
                    }

                    break;
                }
            }

            var seen = Stopwatch.GetTimestamp();
            if (recorder.InWindow(seen))
            {
                switch (status)
                {
                    case Completed:
                        recorder.Jobs.AddCompleted();
                        if (!job.Cached && last is not null)
                        {
                            recorder.Jobs.EndToEndObserved.Record(Recorder.Micros(seen - sent));
                            if (last.CompletedAt is { } completedAt)
                            {
                                recorder.Jobs.EndToEndServer.Record((long)(completedAt - last.CreatedAt).TotalMicroseconds);
                            }

                            if (last.StartedAt is { } startedAt)
                            {
                                recorder.Jobs.QueueWaitServer.Record((long)(startedAt - last.CreatedAt).TotalMicroseconds);
                            }
                        }

                        break;
                    case Failed:
                        recorder.Jobs.AddFailed();
                        break;
                    case Cancelled:
                        recorder.Jobs.AddCancelled();
                        break;
                }
            }

            if (status == Completed && !stop.IsCancellationRequested)
            {
                await api.DownloadAsync(user.Token, job.JobId);
            }

            if (cycle % options.MyJobsEvery == 0 && !stop.IsCancellationRequested)
            {
                await api.MyJobsAsync(user.Token);
            }

            if (options.Think > TimeSpan.Zero)
            {
                await DelayAsync(options.Think.TotalMilliseconds);
            }
        }
    }

    private async Task EnqueueAsync(VirtualUser user)
    {
        var random = new Random(options.Seed + user.Index);
        var history = new List<string>(3);
        for (var cycle = 1L; !stop.IsCancellationRequested; cycle++)
        {
            var description = Description(random, history);
            var sent = Stopwatch.GetTimestamp();
            var enqueued = await api.EnqueueAsync(user.Token, user.CandidateId, $"LOAD-{user.Index}-{cycle}", description, options.FileType);
            await AcceptedAsync(enqueued, sent);
        }
    }

    private async Task PollAsync(VirtualUser user)
    {
        if (user.PollJobId is not { } jobId)
        {
            return;
        }

        var random = new Random(options.Seed + user.Index);
        var interval = (long)(options.PollInterval.TotalSeconds * Stopwatch.Frequency);
        var next = Stopwatch.GetTimestamp() + (long)(random.NextDouble() * interval);
        while (!stop.IsCancellationRequested)
        {
            var wait = next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                await DelayAsync(wait * 1000.0 / Stopwatch.Frequency);
                if (stop.IsCancellationRequested)
                {
                    break;
                }
            }

            var now = Stopwatch.GetTimestamp();
            if (recorder.InWindow(now))
            {
                recorder.ScheduleLag.Record(Recorder.Micros(Math.Max(0, now - next)));
            }

            await api.StatusAsync(user.Token, jobId);
            // A fixed schedule: a slow answer does not push later polls back, unless a whole interval was missed.
            next = Math.Max(next + interval, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Counts the answer; after a 429 or a failure waits (Retry-After, capped) and says false.</summary>
    private async Task<bool> AcceptedAsync(ApiResult<EnqueueResponse> result, long sent)
    {
        var counted = recorder.InWindow(sent);
        if (result is { Ok: true, Body: { } body })
        {
            if (counted)
            {
                recorder.Jobs.AddAccepted(body.Cached);
            }

            return true;
        }

        if (result.Status == 429)
        {
            if (counted)
            {
                recorder.Jobs.Add429();
            }

            var wait = result.RetryAfter ?? TimeSpan.FromSeconds(1);
            await DelayAsync(Math.Min(wait.TotalMilliseconds, MaxBackOff.TotalMilliseconds));
            return false;
        }

        // 5xx or no answer: back off a little instead of hammering a struggling server.
        await DelayAsync(250);
        return false;
    }

    private string Description(Random random, List<string> history)
    {
        if (history.Count > 0 && random.NextDouble() < options.RepeatRatio)
        {
            return history[random.Next(history.Count)];
        }

        var fresh = Workload.JobDescription(random, Interlocked.Increment(ref _requisition));
        if (history.Count < 3)
        {
            history.Add(fresh);
        }
        else
        {
            history[random.Next(3)] = fresh;
        }

        return fresh;
    }

    private async Task DelayAsync(double milliseconds)
    {
        if (milliseconds <= 0)
        {
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
