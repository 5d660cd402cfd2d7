using System.Text.Json;
using Npgsql;
using ResumeAspire.Api.Jobs;
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
        await ExecuteAsync(connection, Jobs(candidateId, 6, "PENDING"));
        await ExecuteAsync(connection, Jobs(candidateId, 2, "COMPLETED"));
        await AssertInStepAsync(connection, owner, expected: 6);

        // Claims and retries stay in flight.
        await ExecuteAsync(connection, Transition(owner, 3, "PENDING", "PROCESSING"));
        await ExecuteAsync(connection, Transition(owner, 1, "PROCESSING", "PENDING"));
        await AssertInStepAsync(connection, owner, expected: 6);

        await ExecuteAsync(connection, Transition(owner, 1, "PROCESSING", "COMPLETED"));
        await ExecuteAsync(connection, Transition(owner, 1, "PROCESSING", "FAILED"));
        await ExecuteAsync(connection, Transition(owner, 1, "PENDING", "CANCELLED"));
        await AssertInStepAsync(connection, owner, expected: 3);

        // The Api takes a job back when Redis refuses it; retention deletes finished ones.
        await ExecuteAsync(connection, $"DELETE FROM resume_jobs WHERE id = (SELECT id FROM resume_jobs WHERE owner_id = '{owner}' AND status = 'PENDING' LIMIT 1)");
        await ExecuteAsync(connection, $"DELETE FROM resume_jobs WHERE owner_id = '{owner}' AND status = 'COMPLETED'");
        await AssertInStepAsync(connection, owner, expected: 2);

        // A rolled-back transaction changes nothing, though its triggers were queued.
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, Jobs(candidateId, 5, "PENDING"));
            await ExecuteAsync(connection, Transition(owner, 2, "PENDING", "CANCELLED"));
            await transaction.RollbackAsync();
        }

        await AssertInStepAsync(connection, owner, expected: 2);

        // Deleting the account removes its row with its jobs.
        await ExecuteAsync(connection, $"DELETE FROM \"AspNetUsers\" WHERE id = '{owner}'");
        Assert.Equal(0L, await ScalarAsync<long>(connection, $"SELECT count(*) FROM jobs_in_flight WHERE owner_id = '{owner}'"));
    }

    [Fact]
    public async Task Enqueue_reads_one_row_for_the_in_flight_cap_whatever_the_backlog()
    {
        var (owner, candidateId) = await NewOwnerAsync();
        await using var connection = system.OpenAdminConnection("resumedb");
        await connection.OpenAsync();
        await ExecuteAsync(connection, Jobs(candidateId, 2_000, "PENDING"));
        try
        {
            // One transaction's 2,000 increments left 2,000 versions of the row; the load test's
            // groups leave a few each, and PostgreSQL prunes them as it goes.
            await ExecuteAsync(connection, "VACUUM jobs_in_flight");
            await ExecuteAsync(connection, $"PREPARE lookup AS {JobLookups.CandidateSql}");
            var execute = $"EXECUTE lookup('{candidateId}', '{owner}')";
            Assert.Equal(2_000, await ScalarAsync<int>(connection, execute, column: 2));

            // Buffers, not time: counting the backlog read one buffer or more per job in flight.
            using var plan = JsonDocument.Parse(await ScalarAsync<string>(connection, $"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {execute}"));
            var top = plan.RootElement[0].GetProperty("Plan");
            var buffers = top.GetProperty("Shared Hit Blocks").GetInt64() + top.GetProperty("Shared Read Blocks").GetInt64();
            Assert.InRange(buffers, 1, 10);
        }
        finally
        {
            await ExecuteAsync(connection, $"DELETE FROM resume_jobs WHERE owner_id = '{owner}'");
        }
    }

    private async Task<(string Owner, Guid CandidateId)> NewOwnerAsync()
    {
        var user = await new ApiSession(system.Api.CreateClient()).SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        await using var connection = system.OpenAdminConnection("resumedb");
        await connection.OpenAsync();
        return (await ScalarAsync<string>(connection, $"SELECT owner_id FROM candidates WHERE id = '{candidateId}'"), candidateId);
    }

    private static async Task AssertInStepAsync(NpgsqlConnection connection, string owner, int expected)
    {
        var counted = await ScalarAsync<long>(connection, $"SELECT count(*) FROM resume_jobs WHERE owner_id = '{owner}' AND status IN ('PENDING', 'PROCESSING')");
        var row = await ScalarAsync<int>(connection, $"SELECT jobs FROM jobs_in_flight WHERE owner_id = '{owner}'");
        Assert.Equal(expected, counted);
        Assert.Equal(expected, row);
    }

    // Created tomorrow: neither the Worker's lost-job sweeper nor retention touches them meanwhile.
    private static string Jobs(Guid candidateId, int count, string status) => $$"""
        INSERT INTO resume_jobs (id, owner_id, candidate_id, candidate_version, job_ref, job_description, file_type, template,
            status, progress, stage, attempts, cached, matched_keywords, missing_keywords, created_at)
        SELECT gen_random_uuid(), c.owner_id, c.id, c.version, 'INFLIGHT-' || n, 'A posting', 'docx', 'classic',
            '{{status}}', 0, 'queued', 0, false, '{}', '{}', now() + interval '1 day'
        FROM candidates c, generate_series(1, {{count}}) AS n
        WHERE c.id = '{{candidateId}}'
        """;

    private static string Transition(string owner, int count, string from, string to) => $"""
        UPDATE resume_jobs SET status = '{to}'
        WHERE id IN (SELECT id FROM resume_jobs WHERE owner_id = '{owner}' AND status = '{from}' LIMIT {count})
        """;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, int column = 0)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row from: {sql}");
        return reader.GetFieldValue<T>(column);
    }
}
