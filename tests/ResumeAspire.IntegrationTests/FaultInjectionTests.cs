using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Queue;
using ResumeAspire.IntegrationTests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace ResumeAspire.IntegrationTests;

/// <summary>Workers as real processes, killed and stopped by the tests; real Redis restarted without its data.</summary>
[Collection(FaultCollection.Name)]
public sealed class FaultInjectionTests(FaultFixture system, ITestOutputHelper output)
{
    [Fact]
    public async Task A_worker_killed_mid_job_leaves_the_job_to_another_worker_which_completes_it_once()
    {
        using var workers = await WorkerPair.StartAsync(system);
        var (user, candidateId) = await NewUserWithCandidateAsync();
        var jobRef = JobRequests.NewRef();
        var documentsBefore = await CountDocumentsAsync();

        var jobId = await user.EnqueueAsync(candidateId, jobRef, "[[block]]");
        var holder = await system.WaitUntilStartedAsync(jobRef);
        var (victim, survivor) = workers.Split(holder);
        victim.Kill();
        await system.ReleaseAsync(jobRef);

        var final = (await user.WaitForFinalAsync(jobId, TimeSpan.FromSeconds(60)))[^1];
        Assert.Equal("COMPLETED", final.Status());
        Assert.Equal(2, final.Int("attempts"));
        Assert.Equal(documentsBefore + 1, await CountDocumentsAsync());
        Assert.False(survivor.HasExited, survivor.Output);
    }

    [Fact]
    public async Task The_same_message_delivered_to_two_workers_at_once_produces_one_document()
    {
        using var workers = await WorkerPair.StartAsync(system);
        var (user, candidateId) = await NewUserWithCandidateAsync();
        var jobRef = JobRequests.NewRef();
        var documentsBefore = await CountDocumentsAsync();

        var jobId = await user.EnqueueAsync(candidateId, jobRef, "[[slow:500]]");
        // A duplicate of the entry, as a redelivery or the sweeper could produce: both workers get one.
        var job = await system.QueryAsync(db => db.ResumeJobs.SingleAsync(j => j.Id == jobId));
        await new JobQueue(system.Redis, new WakePublisher(system.Redis, NullLogger<WakePublisher>.Instance)).EnqueueAsync(new JobMessage(jobId, job.TraceParent, job.TraceState, DateTimeOffset.UtcNow));

        var final = (await user.WaitForFinalAsync(jobId))[^1];
        Assert.Equal("COMPLETED", final.Status());
        await WaitForStreamDrainedAsync();
        Assert.Equal(documentsBefore + 1, await CountDocumentsAsync());
        Assert.Equal(1, (await user.StatusAsync(jobId)).Int("attempts"));
    }

    [Fact]
    public async Task Jobs_pending_when_redis_loses_all_its_data_still_complete()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        // No worker runs yet: the jobs wait in the stream.
        var jobIds = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            jobIds.Add(await user.EnqueueAsync(candidateId, JobRequests.NewRef()));
        }

        await system.RedisServer.RestartEmptyAsync();
        Assert.Equal(0, await system.StreamLengthAsync());

        using var worker = await system.StartWorkerProcessAsync();
        foreach (var jobId in jobIds)
        {
            var final = (await user.WaitForFinalAsync(jobId, TimeSpan.FromSeconds(60)))[^1];
            Assert.Equal("COMPLETED", final.Status());
        }
    }

    [Fact]
    public async Task A_worker_stopped_with_sigterm_hands_its_running_job_back_and_exits_cleanly()
    {
        using var workers = await WorkerPair.StartAsync(system);
        var (user, candidateId) = await NewUserWithCandidateAsync();
        var jobRef = JobRequests.NewRef();
        var jobId = await user.EnqueueAsync(candidateId, jobRef, "[[block]]");
        var holder = await system.WaitUntilStartedAsync(jobRef);
        var (stopping, successor) = workers.Split(holder);

        stopping.Terminate();
        await WaitForExitAsync(stopping, TimeSpan.FromSeconds(30));
        Assert.True(stopping.Output.Contains("Handed job", StringComparison.Ordinal), stopping.Output);
        Assert.Equal(0, stopping.ExitCode);

        await system.ReleaseAsync(jobRef);
        var final = (await user.WaitForFinalAsync(jobId, TimeSpan.FromSeconds(30)))[^1];
        Assert.Equal("COMPLETED", final.Status());
        // Handed back, not crashed: the interrupted attempt does not count against the job.
        Assert.Equal(1, final.Int("attempts"));
        Assert.False(successor.HasExited, successor.Output);
    }

    [Fact]
    public async Task Soak_every_job_completes_exactly_once_while_workers_are_killed_and_restarted()
    {
        const int jobs = 2000;
        var workers = new List<WorkerProcess> { await system.StartWorkerProcessAsync(), await system.StartWorkerProcessAsync() };
        try
        {
            var users = new List<ApiSession>();
            var candidates = new List<Guid>();
            for (var u = 0; u < 10; u++)
            {
                var user = await system.NewSession().SignUpAsync();
                users.Add(user);
                candidates.Add(await user.CreateCandidateAsync());
            }

            var documentsBefore = await CountDocumentsAsync();
            var clock = Stopwatch.StartNew();
            var enqueued = new List<Guid>();
            var enqueueTask = Task.Run(async () =>
            {
                for (var i = 0; i < jobs; i += 20)
                {
                    var batch = Enumerable.Range(i, 20).Select(n => users[n % 10].EnqueueAsync(candidates[n % 10], $"SOAK-{n:D4}-{Guid.NewGuid():N}"[..24]));
                    enqueued.AddRange(await Task.WhenAll(batch));
                }
            });

            // Kill a worker twice while the load runs, each time starting a replacement.
            for (var round = 0; round < 2; round++)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                workers[round].Kill();
                workers.Add(await system.StartWorkerProcessAsync());
            }

            await enqueueTask;
            var enqueueSeconds = clock.Elapsed.TotalSeconds;
            var ids = enqueued.ToHashSet();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            int completed;
            do
            {
                await Task.Delay(500);
                completed = await system.QueryAsync(db => db.ResumeJobs.CountAsync(j => ids.Contains(j.Id) && j.Status == JobStatus.Completed));
            }
            while (completed < jobs && DateTime.UtcNow < deadline);

            var statuses = await system.QueryAsync(db => db.ResumeJobs.Where(j => ids.Contains(j.Id))
                .GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
            var retried = await system.QueryAsync(db => db.ResumeJobs.CountAsync(j => ids.Contains(j.Id) && j.Attempts > 1));
            output.WriteLine($"soak: {jobs} jobs, enqueue {enqueueSeconds:0.0} s, all final after {clock.Elapsed.TotalSeconds:0.0} s " +
                $"({jobs / clock.Elapsed.TotalSeconds:0} jobs/s end to end), jobs with >1 attempt: {retried}; " +
                string.Join(", ", statuses.Select(s => $"{s.Key}={s.Count}")));

            Assert.Equal(jobs, ids.Count);
            Assert.Equal(jobs, completed);
            Assert.Equal(documentsBefore + jobs, await CountDocumentsAsync());
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    [Fact]
    public async Task While_redis_or_postgres_is_down_enqueue_is_503_and_everything_resumes_when_it_returns()
    {
        using var worker = await system.StartWorkerProcessAsync();
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var userId = await system.QueryAsync(db => db.Users.Where(u => u.Email == user.Email).Select(u => u.Id).SingleAsync());

        system.RedisServer.Kill();
        var redisDown = await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, redisDown.StatusCode);
        Assert.Equal("application/problem+json", redisDown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await system.QueryAsync(db => db.ResumeJobs.CountAsync(j => j.OwnerId == userId)));
        await system.RedisServer.StartProcessAsync();

        system.PostgresServer.Kill();
        var postgresDown = await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, postgresDown.StatusCode);
        Assert.NotNull(postgresDown.Headers.RetryAfter);
        await system.PostgresServer.StartProcessAsync();

        // Both are back: the Api and the worker recover on their own (a pooled connection to the
        // old server may fail once, which is what the client's retry is for).
        HttpResponseMessage accepted = null!;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            accepted = await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef()));
            if (accepted.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = Guid.Parse((await accepted.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", (await user.WaitForFinalAsync(jobId, TimeSpan.FromSeconds(60)))[^1].Status());
        Assert.False(worker.HasExited, worker.Output);
    }

    private async Task<(ApiSession User, Guid CandidateId)> NewUserWithCandidateAsync()
    {
        var user = await system.NewSession().SignUpAsync();
        return (user, await user.CreateCandidateAsync());
    }

    private Task<int> CountDocumentsAsync() => system.QueryAsync(db => db.ResumeDocuments.CountAsync());

    private async Task WaitForStreamDrainedAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            var pending = await system.Redis.GetDatabase().StreamPendingAsync(QueueNames.Stream, QueueNames.ConsumerGroup);
            if (pending.PendingMessageCount == 0)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    private static async Task WaitForExitAsync(WorkerProcess worker, TimeSpan timeout) =>
        Assert.True(await worker.WaitForExitAsync(timeout), "the worker did not stop on SIGTERM:\n" + worker.Output);
}
