using System.Text.Json;
using Npgsql;
using ResumeAspire.Api.Jobs;
using ResumeAspire.Core.Data;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

/// <summary>
/// The in-flight cap of an enqueue reads the owner's row of jobs_in_flight, which triggers keep in
/// step with resume_jobs (migration JobsInFlightPerOwner). Counting the backlog instead cost 1.1 ms
/// and 584 buffers per enqueue at a load test's 400–700 jobs per user (bench/README.md).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class JobsInFlightTests(SystemFixture system)
{
    [Fact]
    public async Task The_row_follows_every_transition_into_and_out_of_flight()
    {
        var (owner, candidateId) = await NewOwnerAsync();
        await using var connection = system.OpenAdminConnection("resumedb");
        await connection.OpenAsync();

        // Each statement commits on its own, so each one's deferred triggers have fired when it returns.
        await connection.ExecuteAsync(Jobs(candidateId, 6, "PENDING"));
        await connection.ExecuteAsync(Jobs(candidateId, 2, "COMPLETED"));
        await AssertInStepAsync(connection, owner, expected: 6);

        // Claims and retries stay in flight.
        await connection.ExecuteAsync(Transition(owner, 3, "PENDING", "PROCESSING"));
        await connection.ExecuteAsync(Transition(owner, 1, "PROCESSING", "PENDING"));
        await AssertInStepAsync(connection, owner, expected: 6);

        await connection.ExecuteAsync(Transition(owner, 1, "PROCESSING", "COMPLETED"));
        await connection.ExecuteAsync(Transition(owner, 1, "PROCESSING", "FAILED"));
        await connection.ExecuteAsync(Transition(owner, 1, "PENDING", "CANCELLED"));
        await AssertInStepAsync(connection, owner, expected: 3);

        // The Api takes a job back when Redis refuses it; retention deletes finished ones.
        await connection.ExecuteAsync($"DELETE FROM resume_jobs WHERE id = (SELECT id FROM resume_jobs WHERE owner_id = '{owner}' AND status = 'PENDING' LIMIT 1)");
        await connection.ExecuteAsync($"DELETE FROM resume_jobs WHERE owner_id = '{owner}' AND status = 'COMPLETED'");
        await AssertInStepAsync(connection, owner, expected: 2);

        // A rolled-back transaction changes nothing, though its triggers were queued.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync(Jobs(candidateId, 5, "PENDING"));
            await connection.ExecuteAsync(Transition(owner, 2, "PENDING", "CANCELLED"));
            await transaction.RollbackAsync();
        }

        await AssertInStepAsync(connection, owner, expected: 2);

        // Deleting the account removes its row with its jobs.
        await connection.ExecuteAsync($"DELETE FROM \"AspNetUsers\" WHERE id = '{owner}'");
        Assert.Equal(0L, await connection.ScalarAsync<long>($"SELECT count(*) FROM jobs_in_flight WHERE owner_id = '{owner}'"));
    }

    [Fact]
    public async Task Enqueue_reads_one_row_for_the_in_flight_cap_whatever_the_backlog()
    {
        var (owner, candidateId) = await NewOwnerAsync();
        await using var connection = system.OpenAdminConnection("resumedb");
        await connection.OpenAsync();
        await connection.ExecuteAsync(Jobs(candidateId, 2_000, "PENDING"));
        try
        {
            // One transaction's 2,000 increments left 2,000 versions of the row; the load test's
            // groups leave a few each, and PostgreSQL prunes them as it goes.
            await connection.ExecuteAsync("VACUUM jobs_in_flight");
            await connection.ExecuteAsync($"PREPARE lookup AS {CandidateLookupBatcher.Sql}");
            var execute = $"EXECUTE lookup(ARRAY['{candidateId}']::uuid[], ARRAY['{owner}'])";
            Assert.Equal(2_000, await connection.ScalarAsync<int>(execute, column: 2));

            // Buffers, not time: counting the backlog read one buffer or more per job in flight.
            using var plan = JsonDocument.Parse(await connection.ScalarAsync<string>($"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {execute}"));
            var top = plan.RootElement[0].GetProperty("Plan");
            var buffers = top.GetProperty("Shared Hit Blocks").GetInt64() + top.GetProperty("Shared Read Blocks").GetInt64();
            Assert.InRange(buffers, 1, 10);
        }
        finally
        {
            await connection.ExecuteAsync($"DELETE FROM resume_jobs WHERE owner_id = '{owner}'");
        }
    }

    [Fact]
    public async Task A_group_insert_takes_its_owners_rows_in_owner_order()
    {
        var owners = new[] { await NewOwnerAsync(), await NewOwnerAsync() }.OrderBy(o => o.Owner, StringComparer.Ordinal).ToArray();
        var (low, high) = (owners[0], owners[1]);
        await using var holder = system.OpenAdminConnection("resumedb");
        await using var writer = system.OpenAdminConnection("resumedb");
        await using var observer = system.OpenAdminConnection("resumedb");
        await Task.WhenAll(holder.OpenAsync(), writer.OpenAsync(), observer.OpenAsync());
        try
        {
            // Both rows exist; another transaction holds the first owner's.
            await holder.ExecuteAsync(Jobs(low.CandidateId, 1, "PENDING"));
            await holder.ExecuteAsync(Jobs(high.CandidateId, 1, "PENDING"));
            await using var held = await holder.BeginTransactionAsync();
            await holder.ExecuteAsync($"SELECT 1 FROM jobs_in_flight WHERE owner_id = '{low.Owner}' FOR UPDATE");

            // The group arrives with the second owner's job first.
            await using var group = await writer.BeginTransactionAsync();
            await using (var batch = JobInsertCommand.Create(writer, [NewJob(high), NewJob(low)]))
            {
                batch.Transaction = group;
                await batch.ExecuteNonQueryAsync();
            }

            var commit = group.CommitAsync();
            for (var i = 0; i < 100 && await observer.LockWaitsAsync("COMMIT") == 0; i++)
            {
                await Task.Delay(100);
            }

            // Waiting for the first owner's row, the commit has not yet touched the second's: in
            // arrival order it would hold that one while it waits, the half of a deadlock.
            await observer.ExecuteAsync($"SELECT 1 FROM jobs_in_flight WHERE owner_id = '{high.Owner}' FOR UPDATE NOWAIT");
            Assert.False(commit.IsCompleted);
            await held.RollbackAsync();
            await commit;
            await AssertInStepAsync(observer, low.Owner, expected: 2);
            await AssertInStepAsync(observer, high.Owner, expected: 2);
        }
        finally
        {
            await observer.ExecuteAsync($"DELETE FROM resume_jobs WHERE owner_id IN ('{low.Owner}', '{high.Owner}')");
        }
    }

    private static ResumeJob NewJob((string Owner, Guid CandidateId) owner) => new()
    {
        Id = Guid.CreateVersion7(),
        OwnerId = owner.Owner,
        CandidateId = owner.CandidateId,
        CandidateVersion = 1,
        JobRef = "LOCK-ORDER",
        JobDescription = "A posting",
        FileType = "docx",
        Status = "PENDING",
        Stage = "queued",
        // Tomorrow, like the rows above: not a lost job for the sweeper.
        CreatedAt = DateTimeOffset.UtcNow.AddDays(1),
    };

    private async Task<(string Owner, Guid CandidateId)> NewOwnerAsync()
    {
        var user = await new ApiSession(system.Api.CreateClient()).SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        await using var connection = system.OpenAdminConnection("resumedb");
        await connection.OpenAsync();
        return (await connection.ScalarAsync<string>($"SELECT owner_id FROM candidates WHERE id = '{candidateId}'"), candidateId);
    }

    private static async Task AssertInStepAsync(NpgsqlConnection connection, string owner, int expected)
    {
        var counted = await connection.ScalarAsync<long>($"SELECT count(*) FROM resume_jobs WHERE owner_id = '{owner}' AND status IN ('PENDING', 'PROCESSING')");
        var row = await connection.ScalarAsync<int>($"SELECT jobs FROM jobs_in_flight WHERE owner_id = '{owner}'");
        Assert.Equal(expected, counted);
        Assert.Equal(expected, row);
    }

    // Created tomorrow: neither the Worker's lost-job sweeper nor retention touches them meanwhile.
    private static string Jobs(Guid candidateId, int count, string status) => JobRows.Insert(candidateId, count, status, "now() + interval '1 day'");

    private static string Transition(string owner, int count, string from, string to) => $"""
        UPDATE resume_jobs SET status = '{to}'
        WHERE id IN (SELECT id FROM resume_jobs WHERE owner_id = '{owner}' AND status = '{from}' LIMIT {count})
        """;
}
