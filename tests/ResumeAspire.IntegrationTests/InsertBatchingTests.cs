using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ResumeAspire.Api.Jobs;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

/// <summary>JobInsertBatcher: jobs that arrive while a commit is in flight go together in the next one.</summary>
[Collection(IsolatedCollection.Name)]
public sealed partial class InsertBatchingTests(IsolatedFixture system)
{
    private const int Jobs = 40;

    [Fact]
    public async Task Jobs_arriving_while_commits_are_held_up_share_the_next_commit_and_all_are_accepted()
    {
        var spans = new SpanList();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource("Npgsql").AddSource(Extensions.JobsTelemetryName).AddInMemoryExporter(spans).Build();
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var batcher = system.Api.Services.GetRequiredService<JobInsertBatcher>();

        Task<Guid>[] enqueues;
        // INSERTs wait for this lock: every writer gets stuck on its first group, the rest queue up.
        // The observer has no transaction open: pg_stat_activity stays frozen inside one.
        await using var observer = new NpgsqlConnection(system.DatabaseConnectionString);
        await observer.OpenAsync();
        await using (var tableLock = await HeldEnqueues.LockAsync(system.DatabaseConnectionString, "LOCK TABLE resume_jobs IN SHARE MODE"))
        {

            // One job per writer, each sent once the one before is stuck on the lock, so every
            // writer is held up by a group of one; sent all at once, the writers' first groups
            // could take every job and leave none to wait.
            var held = new List<Task<Guid>>();
            for (var writer = 1; writer <= JobInsertBatcher.Writers; writer++)
            {
                held.Add(user.EnqueueAsync(candidateId, JobRequests.NewRef()));
                await HeldEnqueues.WaitUntilAsync(held, async () => await observer.LockWaitsAsync("INSERT INTO resume_jobs%") == writer, $"{writer} INSERTs waiting for the lock");
            }

            var queued = Enumerable.Range(0, Jobs - held.Count).Select(_ => user.EnqueueAsync(candidateId, JobRequests.NewRef())).ToList();
            enqueues = [.. held, .. queued];
            await HeldEnqueues.WaitUntilAsync(enqueues, () => Task.FromResult(batcher.Waiting == queued.Count), $"{queued.Count} jobs waiting for a writer");
            await tableLock.ReleaseAsync();
        }

        var ids = await Task.WhenAll(enqueues);
        Assert.Equal(Jobs, ids.Distinct().Count());
        Assert.Equal(Jobs, await system.QueryAsync(db => db.ResumeJobs.CountAsync(j => ids.Contains(j.Id))));

        // Every INSERT span ended before its request was answered; one INSERT statement per group.
        var inserts = spans.Count(s => s.Source.Name == "Npgsql"
            && InsertCount((string?)s.GetTagItem("db.query.text") ?? (string?)s.GetTagItem("db.statement") ?? "") > 0);
        // The writers' first groups, then the waiting jobs in groups of up to MaxGroup.
        Assert.InRange(inserts, 1, JobInsertBatcher.Writers * 2);
        // Each job's insert span says how many jobs shared its commit: those shares add up to the statements.
        var groupSizes = spans.Where(s => s.Source.Name == Extensions.JobsTelemetryName && s.DisplayName == "insert")
            .Select(s => (int)s.GetTagItem("resume.insert.group_size")!)
            .ToList();
        Assert.Equal(Jobs, groupSizes.Count);
        Assert.Equal(inserts, (int)Math.Round(groupSizes.Sum(size => 1.0 / size)));
        Assert.Contains(groupSizes, size => size > 1);
    }

    private static int InsertCount(string sql) => InsertIntoJobs().Count(sql);

    [GeneratedRegex("INSERT INTO resume_jobs")]
    private static partial Regex InsertIntoJobs();
}
