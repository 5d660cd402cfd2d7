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
        await using (var blocker = new NpgsqlConnection(system.DatabaseConnectionString))
        {
            await blocker.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE resume_jobs IN SHARE MODE", blocker, transaction))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            enqueues = Enumerable.Range(0, Jobs).Select(_ => user.EnqueueAsync(candidateId, JobRequests.NewRef())).ToArray();
            await WaitUntilQueuedAsync(batcher, enqueues);
            await transaction.CommitAsync();
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

    /// <summary>Until every request has handed its job over: jobs wait, and their number stays put for a second.</summary>
    private static async Task WaitUntilQueuedAsync(JobInsertBatcher batcher, Task<Guid>[] enqueues)
    {
        var (last, stableSince) = (-1, DateTime.UtcNow);
        for (var i = 0; i < 300; i++)
        {
            Assert.DoesNotContain(enqueues, t => t.IsFaulted);
            var waiting = batcher.Waiting;
            if (waiting != last)
            {
                (last, stableSince) = (waiting, DateTime.UtcNow);
            }
            else if (waiting > 0 && DateTime.UtcNow - stableSince > TimeSpan.FromSeconds(1))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The enqueues never queued up behind the held commits ({last} waiting).");
    }
}
