using ResumeAspire.Worker;

namespace ResumeAspire.IntegrationTests;

public sealed class RunningJobsTests
{
    [Fact]
    public void A_duplicate_delivery_that_comes_and_goes_leaves_the_running_one_cancellable()
    {
        var running = new RunningJobs();
        var jobId = Guid.NewGuid();
        using var first = new CancellationTokenSource();
        using var duplicate = new CancellationTokenSource();

        running.Add(jobId, first);
        running.Add(jobId, duplicate);
        running.Remove(jobId, duplicate);

        Assert.True(running.Cancel(jobId));
        Assert.True(first.IsCancellationRequested);
        Assert.False(duplicate.IsCancellationRequested);
    }

    [Fact]
    public void A_cancel_reaches_every_delivery_of_the_job_and_none_after_they_left()
    {
        var running = new RunningJobs();
        var jobId = Guid.NewGuid();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        running.Add(jobId, first);
        running.Add(jobId, second);

        Assert.True(running.Cancel(jobId));
        Assert.True(first.IsCancellationRequested && second.IsCancellationRequested);

        running.Remove(jobId, first);
        running.Remove(jobId, second);
        Assert.False(running.Cancel(jobId));
    }
}
