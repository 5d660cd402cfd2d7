using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ResumeAspire.Api.Jobs;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

/// <summary>CandidateLookupBatcher: enqueue lookups that arrive while one is being read share the next statement.</summary>
[Collection(IsolatedCollection.Name)]
public sealed class LookupBatchingTests(IsolatedFixture system)
{
    private const int Jobs = 40;
    private const string LookupText = "WITH ORDINALITY AS t(candidate_id, owner_id, ord)";

    [Fact]
    public async Task Lookups_arriving_while_reads_are_held_up_share_the_next_statement_and_each_gets_its_own_answer()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource("Npgsql").AddInMemoryExporter(spans).Build();
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var other = await system.NewSession().SignUpAsync();
        var othersCandidate = await other.CreateCandidateAsync();
        var batcher = system.Api.Services.GetRequiredService<CandidateLookupBatcher>();

        Task<Guid>[] enqueues;
        Task<HttpResponseMessage> foreign;
        // Lookups read jobs_in_flight: with the table locked every reader is stuck on its first group.
        await using var observer = new NpgsqlConnection(system.DatabaseConnectionString);
        await observer.OpenAsync();
        await using (var tableLock = await HeldEnqueues.LockAsync(system.DatabaseConnectionString, "LOCK TABLE jobs_in_flight IN ACCESS EXCLUSIVE MODE"))
        {

            // One request per reader, each sent once the one before is stuck, so every reader is held by a group of one.
            var held = new List<Task<Guid>>();
            for (var reader = 1; reader <= CandidateLookupBatcher.Readers; reader++)
            {
                held.Add(user.EnqueueAsync(candidateId, JobRequests.NewRef()));
                await HeldEnqueues.WaitUntilAsync(held, async () => await observer.LockWaitsAsync($"%{LookupText}%") == reader, $"{reader} lookups waiting for the lock");
            }

            var queued = Enumerable.Range(0, Jobs - held.Count).Select(_ => user.EnqueueAsync(candidateId, JobRequests.NewRef())).ToList();
            // In the same group: the other user's candidate, which this user must not be able to use.
            foreign = user.GenerateAsync(JobRequests.Body(othersCandidate, JobRequests.NewRef()));
            enqueues = [.. held, .. queued];
            await HeldEnqueues.WaitUntilAsync(enqueues, () => Task.FromResult(batcher.Waiting == queued.Count + 1), $"{queued.Count + 1} lookups waiting for a reader");
            await tableLock.ReleaseAsync();
        }

        var ids = await Task.WhenAll(enqueues);
        Assert.Equal(Jobs, ids.Distinct().Count());
        Assert.Equal(Jobs, await system.QueryAsync(db => db.ResumeJobs.CountAsync(j => ids.Contains(j.Id))));
        using var refused = await foreign;
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("candidate_id", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await system.QueryAsync(db => db.ResumeJobs.CountAsync(j => j.CandidateId == othersCandidate)));

        // The readers' first groups, then the waiting lookups in groups of up to MaxGroup; one statement each.
        var lookups = spans.Count(s => ((string?)s.GetTagItem("db.query.text") ?? (string?)s.GetTagItem("db.statement") ?? "").Contains(LookupText, StringComparison.Ordinal));
        Assert.InRange(lookups, CandidateLookupBatcher.Readers + 1, CandidateLookupBatcher.Readers * 2);
    }
}
