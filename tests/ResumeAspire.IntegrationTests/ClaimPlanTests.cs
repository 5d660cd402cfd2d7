using System.Text.Json;
using Npgsql;
using ResumeAspire.IntegrationTests.Infrastructure;
using ResumeAspire.Worker;

namespace ResumeAspire.IntegrationTests;

/// <summary>
/// The Worker's statements must read only the rows they need whatever PostgreSQL's
/// statistics say. A backlog builds up faster than autovacuum analyzes the table: with status
/// conditions the planner then trusted "few PENDING rows" and scanned every PENDING entry of the
/// status index for each claim (22 ms and 2,600 buffers at a 30,000-job backlog, bench/README.md).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ClaimPlanTests(SystemFixture system)
{
    [Fact]
    public async Task Claim_and_completion_use_only_the_primary_key_when_statistics_predate_the_backlog()
    {
        var user = await new ApiSession(system.Api.CreateClient()).SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();

        await using var connection = system.OpenAdminConnection("resumedb");
        await connection.OpenAsync();
        // Everything below is rolled back: the backlog and the statistics never reach other tests.
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(JobRows.Insert(candidateId, 2_000, "COMPLETED"));
        await connection.ExecuteAsync("ANALYZE resume_jobs");
        await connection.ExecuteAsync(JobRows.Insert(candidateId, 20_000, "PENDING"));
        // Index entries of claimed versions that vacuum has not yet removed (4,000 in the load test).
        await connection.ExecuteAsync(JobRows.Insert(candidateId, 5_000, "PROCESSING"));
        // Npgsql prepares these statements, and PostgreSQL moves a prepared statement to a generic plan.
        await connection.ExecuteAsync("SET LOCAL plan_cache_mode = force_generic_plan");
        await connection.ExecuteAsync($"PREPARE claim AS {JobClaimer.Sql}");
        await connection.ExecuteAsync($"PREPARE complete(uuid, integer, uuid, bytea, text, timestamptz, text, text, bigint, text, integer, text[], text[]) AS {JobCompletionWriter.Sql}");

        var claim = await PlanAsync(connection, "EXECUTE claim('{00000000-0000-0000-0000-000000000001}', now(), now(), 'tailoring')");
        var complete = await PlanAsync(connection,
            "EXECUTE complete('00000000-0000-0000-0000-000000000001', 1, gen_random_uuid(), '\\x00', 'x', now(), 'x', 'x', 1, NULL, 1, '{}', '{}')");

        foreach (var plan in new[] { claim, complete })
        {
            Assert.Contains("pk_resume_jobs", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("ix_resume_jobs_status", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan on resume_jobs", plan, StringComparison.Ordinal);
        }

        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task The_lost_job_sweep_reads_only_its_batch_of_the_oldest_jobs_at_a_large_backlog()
    {
        var user = await new ApiSession(system.Api.CreateClient()).SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();

        await using var connection = system.OpenAdminConnection("resumedb");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Old enough to be suspects, and uncommitted: the running Worker's own sweeps never see them.
        await connection.ExecuteAsync(JobRows.Insert(candidateId, 20_000, "PENDING", "now() - interval '1 hour'"));
        await connection.ExecuteAsync(JobRows.Insert(candidateId, 2_000, "COMPLETED", "now() - interval '1 hour'"));
        await connection.ExecuteAsync("ANALYZE resume_jobs");
        await connection.ExecuteAsync("SET LOCAL plan_cache_mode = force_generic_plan");
        await connection.ExecuteAsync($"PREPARE sweep(timestamptz) AS {LostJobSweeper.Sql}");

        var plan = JsonDocument.Parse(await connection.ScalarAsync<string>("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE sweep(now())"));
        var top = plan.RootElement[0].GetProperty("Plan");

        Assert.Equal(500, top.GetProperty("Actual Rows").GetInt64());
        // Two scans of at most 500 rows each; one scan with an OR read all 20,000 and sorted them.
        Assert.All(Nodes(top), node => Assert.True(node.GetProperty("Actual Rows").GetInt64() <= 1_000,
            $"{node.GetProperty("Node Type").GetString()} produced {node.GetProperty("Actual Rows")} rows"));
        await transaction.RollbackAsync();
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }

    private static async Task<string> PlanAsync(NpgsqlConnection connection, string execute)
    {
        await using var command = new NpgsqlCommand($"EXPLAIN {execute}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
