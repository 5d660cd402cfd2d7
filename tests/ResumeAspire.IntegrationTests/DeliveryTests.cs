using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ResumeAspire.Core.Queue;
using ResumeAspire.IntegrationTests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace ResumeAspire.IntegrationTests;

/// <summary>Retries, dead letter and cancellation against the real Redis and PostgreSQL, worker in process.</summary>
[Collection(SystemCollection.Name)]
public sealed class DeliveryTests(SystemFixture system, ITestOutputHelper output)
{
    [Fact]
    public async Task A_transient_failure_twice_then_success_completes_on_the_third_attempt()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var jobRef = JobRequests.NewRef();

        var jobId = await user.EnqueueAsync(candidateId, jobRef, "[[fail:2]]");
        var seen = await user.WaitForFinalAsync(jobId);

        var final = seen[^1];
        Assert.Equal("COMPLETED", final.Status());
        Assert.Equal(3, final.Int("attempts"));
        Assert.Null(final["error"]);
        Assert.Equal(3, await system.TailorCallsAsync(jobRef));
        // While it waited for its retry the client could see why.
        Assert.Contains(seen, s => s["error"]?.GetValue<string>().Contains("Scripted transient failure", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_job_failing_every_attempt_is_failed_after_three_and_dead_lettered()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var jobRef = JobRequests.NewRef();

        var jobId = await user.EnqueueAsync(candidateId, jobRef, "[[fail:always]]");
        var final = (await user.WaitForFinalAsync(jobId))[^1];

        Assert.Equal("FAILED", final.Status());
        Assert.Equal(3, final.Int("attempts"));
        Assert.Contains("Scripted transient failure", final["error"]!.GetValue<string>());
        Assert.Equal(3, await system.TailorCallsAsync(jobRef));
        var dead = await system.Redis.GetDatabase().StreamRangeAsync(QueueNames.DeadLetterStream);
        Assert.Single(dead, e => e["job_id"] == jobId.ToString());
        Assert.Equal(HttpStatusCode.Conflict, (await user.Http.GetAsync($"/api/resume-async/download/{jobId}")).StatusCode);
    }

    [Fact]
    public async Task A_permanent_error_fails_at_once_without_retrying()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var jobRef = JobRequests.NewRef();

        var jobId = await user.EnqueueAsync(candidateId, jobRef, "[[permanent]]");
        var final = (await user.WaitForFinalAsync(jobId))[^1];

        Assert.Equal("FAILED", final.Status());
        Assert.Equal(1, final.Int("attempts"));
        Assert.Equal(1, await system.TailorCallsAsync(jobRef));
    }

    [Fact]
    public async Task Cancelling_a_processing_job_aborts_the_running_work_and_stores_nothing()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var jobRef = JobRequests.NewRef();
        var jobId = await user.EnqueueAsync(candidateId, jobRef, "[[block]]");
        await system.WaitUntilStartedAsync(jobRef);
        var documentsBefore = await system.QueryAsync(db => db.ResumeDocuments.CountAsync());

        var cancelledAt = DateTimeOffset.UtcNow;
        var cancel = await user.Http.DeleteAsync($"/api/resume-async/job/{jobId}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        // The blocked tailor is released only by cancellation: its "aborted" mark proves the signal reached it.
        var abortedAt = await WaitForKeyAsync($"test:aborted:{jobRef}", TimeSpan.FromSeconds(20));
        output.WriteLine($"cancel → in-flight work aborted after {(abortedAt - cancelledAt).TotalMilliseconds:0} ms");
        Assert.True(abortedAt - cancelledAt < TimeSpan.FromSeconds(20));
        var final = (await user.WaitForFinalAsync(jobId))[^1];
        Assert.Equal("CANCELLED", final.Status());
        await Task.Delay(300); // let a (wrong) completion land, if there were one
        Assert.Equal("CANCELLED", (await user.StatusAsync(jobId)).Status());
        Assert.Equal(documentsBefore, await system.QueryAsync(db => db.ResumeDocuments.CountAsync()));
        Assert.Equal(HttpStatusCode.Conflict, (await user.Http.DeleteAsync($"/api/resume-async/job/{jobId}")).StatusCode);
    }

    [Fact]
    public async Task A_job_cancelled_while_pending_never_runs()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var blockers = await OccupyEveryWorkerSlotAsync(user, candidateId);

        var jobRef = JobRequests.NewRef();
        var jobId = await user.EnqueueAsync(candidateId, jobRef);
        Assert.Equal("PENDING", (await user.StatusAsync(jobId)).Status());
        Assert.Equal(HttpStatusCode.OK, (await user.Http.DeleteAsync($"/api/resume-async/job/{jobId}")).StatusCode);

        await ReleaseAndDrainAsync(user, candidateId, blockers);

        var final = await user.StatusAsync(jobId);
        Assert.Equal("CANCELLED", final.Status());
        Assert.Equal(0, final.Int("attempts"));
        Assert.Equal(0, await system.TailorCallsAsync(jobRef));
    }

    [Fact]
    public async Task A_job_whose_candidate_was_deleted_fails_at_once_without_retrying()
    {
        var user = await system.NewSession().SignUpAsync();
        var blockerCandidate = await user.CreateCandidateAsync();
        var doomedCandidate = await user.CreateCandidateAsync();
        var blockers = await OccupyEveryWorkerSlotAsync(user, blockerCandidate);

        var jobId = await user.EnqueueAsync(doomedCandidate, JobRequests.NewRef());
        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.DeleteAsync($"/api/candidates/{doomedCandidate}")).StatusCode);
        await ReleaseAndDrainAsync(user, blockerCandidate, blockers);

        var final = (await user.WaitForFinalAsync(jobId))[^1];
        Assert.Equal("FAILED", final.Status());
        Assert.Equal(1, final.Int("attempts"));
        Assert.Contains("candidate was deleted", final["error"]!.GetValue<string>());
    }

    /// <summary>Fills every slot of the in-process worker (concurrency 4) so the next job has to wait in the stream.</summary>
    private async Task<List<string>> OccupyEveryWorkerSlotAsync(ApiSession user, Guid candidateId)
    {
        var blockers = Enumerable.Range(0, 4).Select(_ => JobRequests.NewRef("BLOCK")).ToList();
        foreach (var blocker in blockers)
        {
            await user.EnqueueAsync(candidateId, blocker, "[[block]]");
        }

        foreach (var blocker in blockers)
        {
            await system.WaitUntilStartedAsync(blocker);
        }

        return blockers;
    }

    /// <summary>Releases the blockers and waits until the worker has read past everything queued so far.</summary>
    private async Task ReleaseAndDrainAsync(ApiSession user, Guid candidateId, List<string> blockers)
    {
        foreach (var blocker in blockers)
        {
            await system.ReleaseAsync(blocker);
        }

        var probe = await user.EnqueueAsync(candidateId, JobRequests.NewRef("PROBE"));
        await user.WaitForFinalAsync(probe);
    }

    [Fact]
    public async Task Cancelling_a_completed_job_is_409()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var jobId = await user.EnqueueAsync(candidateId, JobRequests.NewRef());
        Assert.Equal("COMPLETED", (await user.WaitForFinalAsync(jobId))[^1].Status());

        var cancel = await user.Http.DeleteAsync($"/api/resume-async/job/{jobId}");
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("COMPLETED", (await user.StatusAsync(jobId)).Status());
    }

    [Fact]
    public async Task The_global_llm_rate_limit_delays_jobs_but_every_one_completes()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        // 2 permits per 2 s (fixture setting) and 5 jobs wanting one each at once: some must wait.
        var refs = Enumerable.Range(0, 5).Select(_ => JobRequests.NewRef("LLM")).ToList();
        var ids = new List<Guid>();
        foreach (var jobRef in refs)
        {
            ids.Add(await user.EnqueueAsync(candidateId, jobRef, "[[llm]]"));
        }

        foreach (var id in ids)
        {
            Assert.Equal("COMPLETED", (await user.WaitForFinalAsync(id))[^1].Status());
        }

        var waits = await Task.WhenAll(refs.Select(async r => (long)await system.Redis.GetDatabase().StringGetAsync($"test:llmwait:{r}")));
        Assert.Contains(waits, w => w > 0);
    }

    private async Task<DateTimeOffset> WaitForKeyAsync(string key, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var value = await system.Redis.GetDatabase().StringGetAsync(key);
            if (!value.IsNullOrEmpty)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)value);
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{key} was never set.");
    }
}
