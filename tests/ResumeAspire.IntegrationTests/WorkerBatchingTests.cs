using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;
using ResumeAspire.IntegrationTests.Infrastructure;
using ResumeAspire.Worker;
using StackExchange.Redis;

namespace ResumeAspire.IntegrationTests;

/// <summary>
/// The worker's batched steps against the real PostgreSQL and Redis: one claim for a whole
/// stream read, group commits of finished jobs, acknowledgements only after the commit.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WorkerBatchingTests(SystemFixture system)
{
    private JobClaimer Claimer => system.Worker!.Services.GetRequiredService<JobClaimer>();

    private JobCompletionWriter Writer => system.Worker!.Services.GetRequiredService<JobCompletionWriter>();

    [Fact]
    public async Task A_batch_claim_claims_only_claimable_jobs_and_returns_each_once_with_its_candidate()
    {
        var (ownerId, candidateId) = await CandidateAsync();
        var now = DateTimeOffset.UtcNow;
        var pending = await JobAsync(ownerId, candidateId, JobStatus.Pending);
        var pendingToo = await JobAsync(ownerId, candidateId, JobStatus.Pending);
        var leased = await JobAsync(ownerId, candidateId, JobStatus.Processing, attempts: 1, lease: now.AddMinutes(5));
        var abandoned = await JobAsync(ownerId, candidateId, JobStatus.Processing, attempts: 1, lease: now.AddMinutes(-5));
        var completed = await JobAsync(ownerId, candidateId, JobStatus.Completed, attempts: 1);
        var cancelled = await JobAsync(ownerId, candidateId, JobStatus.Cancelled);

        // pending twice: duplicate entries of one job in the same read.
        var claimed = await Claimer.ClaimAsync([pending, pendingToo, pending, leased, abandoned, completed, cancelled, Guid.NewGuid()], now, CancellationToken.None);

        Assert.Equal(new[] { pending, pendingToo, abandoned }.Order(), claimed.Keys.Order());
        Assert.Equal(1, claimed[pending].Attempts);
        Assert.Equal(2, claimed[abandoned].Attempts);
        Assert.All(claimed.Values, job => Assert.Equal("Ada Lovelace", job.Candidate?.FullName));
        Assert.Equal(["C#", "PostgreSQL"], claimed[pending].Candidate!.Skills);
        Assert.Equal("Analytical Engines Ltd", Assert.Single(claimed[pending].Candidate!.Experience).Company);

        var rows = await system.QueryAsync(db => db.ResumeJobs.AsNoTracking()
            .Where(j => j.OwnerId == ownerId).ToDictionaryAsync(j => j.Id));
        Assert.All(new[] { pending, pendingToo, abandoned }, id =>
        {
            Assert.Equal(JobStatus.Processing, rows[id].Status);
            Assert.Equal(JobStages.Tailoring, rows[id].Stage);
            Assert.True(rows[id].LeaseExpiresAt > now);
        });
        Assert.Equal((JobStatus.Processing, 1), (rows[leased].Status, rows[leased].Attempts));
        Assert.Equal((JobStatus.Completed, 1), (rows[completed].Status, rows[completed].Attempts));
        Assert.Equal((JobStatus.Cancelled, 0), (rows[cancelled].Status, rows[cancelled].Attempts));

        // Claimed once: a second read of the same ids finds nothing left to claim.
        Assert.Empty(await Claimer.ClaimAsync([pending, pendingToo, abandoned], now, CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_of_a_job_whose_candidate_was_deleted_returns_it_without_a_candidate()
    {
        var (ownerId, candidateId) = await CandidateAsync();
        var job = await JobAsync(ownerId, candidateId, JobStatus.Pending);
        await system.QueryAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM candidates WHERE id = {candidateId}"));

        var claimed = await Claimer.ClaimAsync([job], DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Null(claimed[job].Candidate);
    }

    [Fact]
    public async Task A_group_of_completions_commits_every_owned_job_and_one_no_longer_owned_holds_up_none()
    {
        var (ownerId, candidateId) = await CandidateAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await JobAsync(ownerId, candidateId, JobStatus.Pending));
        }

        var claimed = await Claimer.ClaimAsync(ids, DateTimeOffset.UtcNow, CancellationToken.None);
        // Cancelled by its owner meanwhile, and taken over by a later delivery: neither is this delivery's.
        await system.QueryAsync(db => db.ResumeJobs.Where(j => j.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Cancelled)));
        await system.QueryAsync(db => db.ResumeJobs.Where(j => j.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(j => j.Attempts, 2)));

        var completions = ids.Select(id => new JobCompletion(claimed[id], Tailored(), Document(id), null)).ToList();
        var committed = await Task.WhenAll(completions.Select(Writer.CompleteAsync));

        Assert.Equal([true, false, false, true], committed);
        var rows = await system.QueryAsync(db => db.ResumeJobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToDictionaryAsync(j => j.Id));
        foreach (var i in new[] { 0, 3 })
        {
            Assert.Equal(JobStatus.Completed, rows[ids[i]].Status);
            Assert.Equal(completions[i].DocumentId, rows[ids[i]].DocumentId);
            Assert.Equal(completions[i].Tailored.Match.Matched, rows[ids[i]].MatchedKeywords);
            Assert.Null(rows[ids[i]].LeaseExpiresAt);
        }

        Assert.Equal(JobStatus.Cancelled, rows[ids[1]].Status);
        Assert.Equal(JobStatus.Processing, rows[ids[2]].Status);
        Assert.All(new[] { 1, 2 }, i => Assert.Null(rows[ids[i]].DocumentId));
        var documents = completions.Select(c => c.DocumentId).ToList();
        var stored = await system.QueryAsync(db => db.ResumeDocuments.Where(d => documents.Contains(d.Id)).Select(d => d.Id).ToListAsync());
        // No orphan document for the jobs that were not completed.
        Assert.Equal(new[] { documents[0], documents[3] }.Order(), stored.Order());
    }

    [Fact]
    public async Task A_group_of_completions_takes_its_owners_in_flight_rows_in_owner_order()
    {
        var owners = new[] { await CandidateAsync(), await CandidateAsync() }.OrderBy(o => o.OwnerId, StringComparer.Ordinal).ToArray();
        var (low, high) = (owners[0], owners[1]);
        var other = await CandidateAsync();
        var first = await JobAsync(other.OwnerId, other.CandidateId, JobStatus.Pending);
        var second = await JobAsync(other.OwnerId, other.CandidateId, JobStatus.Pending);
        var highJob = await JobAsync(high.OwnerId, high.CandidateId, JobStatus.Pending);
        var lowJob = await JobAsync(low.OwnerId, low.CandidateId, JobStatus.Pending);
        var claimed = await Claimer.ClaimAsync([first, second, highJob, lowJob], DateTimeOffset.UtcNow, CancellationToken.None);
        Task<bool> Complete(Guid id) => Writer.CompleteAsync(new JobCompletion(claimed[id], Tailored(), Document(id), null));

        // Disposing these connections rolls their transactions back, so a failing assertion leaves no writer blocked.
        await using var holdsFirst = system.OpenAdminConnection("resumedb");
        await using var holdsSecond = system.OpenAdminConnection("resumedb");
        await using var holdsCounter = system.OpenAdminConnection("resumedb");
        await using var observer = system.OpenAdminConnection("resumedb");
        await Task.WhenAll(holdsFirst.OpenAsync(), holdsSecond.OpenAsync(), holdsCounter.OpenAsync(), observer.OpenAsync());
        await using var firstHeld = await holdsFirst.BeginTransactionAsync();
        await holdsFirst.ExecuteAsync($"SELECT 1 FROM resume_jobs WHERE id = '{first}' FOR UPDATE");
        await using var secondHeld = await holdsSecond.BeginTransactionAsync();
        await holdsSecond.ExecuteAsync($"SELECT 1 FROM resume_jobs WHERE id = '{second}' FOR UPDATE");
        await using var counterHeld = await holdsCounter.BeginTransactionAsync();
        await holdsCounter.ExecuteAsync($"SELECT 1 FROM jobs_in_flight WHERE owner_id = '{low.OwnerId}' FOR UPDATE");

        // Each writer waits on a one-job group of its own, so the two owners' jobs queue up behind
        // them and, the second owner's first, leave the queue as one group once a writer is free.
        var firstDone = Complete(first);
        await WaitUntilAsync(async () => await observer.LockWaitsAsync(CompletionStatement) == 1);
        var secondDone = Complete(second);
        await WaitUntilAsync(async () => await observer.LockWaitsAsync(CompletionStatement) == 2);
        var highDone = Complete(highJob);
        var lowDone = Complete(lowJob);
        await firstHeld.CommitAsync();
        Assert.True(await firstDone);
        await WaitUntilAsync(async () => await observer.LockWaitsAsync(CompletionStatement) == 2);

        // The group's commit waits for the first owner's row and has not yet touched the second's:
        // in arrival order it would hold that one while it waits, the half of a deadlock.
        await observer.ExecuteAsync($"SELECT 1 FROM jobs_in_flight WHERE owner_id = '{high.OwnerId}' FOR UPDATE NOWAIT");
        Assert.False(highDone.IsCompleted || lowDone.IsCompleted);

        await counterHeld.RollbackAsync();
        var committed = await Task.WhenAll(highDone, lowDone);
        Assert.Equal([true, true], committed);
        await secondHeld.CommitAsync();
        Assert.True(await secondDone);
        foreach (var owner in new[] { low.OwnerId, high.OwnerId, other.OwnerId })
        {
            Assert.Equal(0, await observer.ScalarAsync<int>($"SELECT jobs FROM jobs_in_flight WHERE owner_id = '{owner}'"));
        }
    }

    /// <summary>The Worker's completion statement, waiting on a job row or, at commit, on an in-flight counter row.</summary>
    private const string CompletionStatement = "%INSERT INTO resume_documents%";

    [Fact]
    public async Task A_stream_entry_is_acknowledged_only_after_its_jobs_final_write_committed()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var jobRef = JobRequests.NewRef();
        var jobId = await user.EnqueueAsync(candidateId, jobRef, "[[block]]");
        await system.WaitUntilStartedAsync(jobRef);

        // Hold the job's row: the worker's document INSERT + COMPLETED statement must wait for it.
        await using var blocker = new NpgsqlConnection(system.DatabaseConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM resume_jobs WHERE id = '{jobId}' FOR UPDATE", blocker, hold))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        await system.ReleaseAsync(jobRef);
        await using var observer = system.OpenAdminConnection("resumedb");
        await observer.OpenAsync();
        await WaitUntilAsync(async () => await observer.LockWaitsAsync(CompletionStatement) > 0);

        Assert.True(await IsPendingAsync(jobId), "the entry was acknowledged before its job was committed");
        Assert.Equal("PROCESSING", (await user.StatusAsync(jobId)).Status());

        await hold.CommitAsync();
        Assert.Equal("COMPLETED", (await user.WaitForFinalAsync(jobId))[^1].Status());
        await WaitUntilAsync(async () => !await IsPendingAsync(jobId));
    }

    /// <summary>Whether an entry of this job is delivered and not yet acknowledged.</summary>
    private async Task<bool> IsPendingAsync(Guid jobId)
    {
        var db = system.Redis.GetDatabase();
        var pending = await db.StreamPendingMessagesAsync(QueueNames.Stream, QueueNames.ConsumerGroup, 1000, RedisValue.Null);
        if (pending.Length == 0)
        {
            return false;
        }

        foreach (var entry in pending)
        {
            var read = await db.StreamRangeAsync(QueueNames.Stream, entry.MessageId, entry.MessageId);
            if (read.Any(e => e["job_id"] == jobId.ToString()))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 30 s");
            await Task.Delay(25);
        }
    }

    private async Task<(string OwnerId, Guid CandidateId)> CandidateAsync()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync(new
        {
            full_name = "Ada Lovelace",
            email = "ada@example.com",
            skills = new[] { "C#", "PostgreSQL" },
            experience = new[] { new { company = "Analytical Engines Ltd", title = "Engineer", start_date = "2020", end_date = (string?)null, bullets = new[] { "Wrote the first program." } } },
            education = Array.Empty<object>(),
        });
        var ownerId = await system.QueryAsync(db => db.Candidates.Where(c => c.Id == candidateId).Select(c => c.OwnerId).SingleAsync());
        return (ownerId, candidateId);
    }

    /// <summary>A job row with no stream entry: only the test's calls touch it.</summary>
    private async Task<Guid> JobAsync(string ownerId, Guid candidateId, string status, int attempts = 0, DateTimeOffset? lease = null)
    {
        var id = Guid.CreateVersion7();
        // In the queued set, so the lost-job sweeper leaves it alone.
        await system.Redis.GetDatabase().SetAddAsync(QueueNames.QueuedSet, id.ToString());
        await system.QueryAsync(async db =>
        {
            db.ResumeJobs.Add(new ResumeJob
            {
                Id = id, OwnerId = ownerId, CandidateId = candidateId, JobRef = "JOB-BATCH", JobDescription = "PostgreSQL engineer",
                FileType = FileTypes.Word, Status = status, Attempts = attempts, LeaseExpiresAt = lease, CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        return id;
    }

    private static TailoredResume Tailored() =>
        KeywordTailor.Tailor(
            new CandidateProfile("Ada Lovelace", null, null, null, null, null, ["PostgreSQL"], [], []), "JOB-BATCH", "PostgreSQL engineer");

    private static RenderedDocument Document(Guid id) => new([0x50, 0x4B, .. id.ToByteArray()], WordResumeRenderer.WordContentType, $"{id}.docx");
}
