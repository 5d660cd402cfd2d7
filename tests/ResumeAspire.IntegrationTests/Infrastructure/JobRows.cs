using Npgsql;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>Jobs written straight into resume_jobs, for tests about the database's own behaviour (plans, triggers).</summary>
public static class JobRows
{
    /// <summary>An INSERT of <paramref name="count"/> jobs of one candidate's owner, all in <paramref name="status"/>.</summary>
    public static string Insert(Guid candidateId, int count, string status, string createdAt = "now()") => $$"""
        INSERT INTO resume_jobs (id, owner_id, candidate_id, candidate_version, job_ref, job_description, file_type, template,
            status, progress, stage, attempts, cached, matched_keywords, missing_keywords, created_at)
        SELECT gen_random_uuid(), c.owner_id, c.id, c.version, 'ROW-' || n, 'A posting', 'docx', 'classic',
            '{{status}}', 0, 'queued', 0, false, '{}', '{}', {{createdAt}}
        FROM candidates c, generate_series(1, {{count}}) AS n
        WHERE c.id = '{{candidateId}}'
        """;

    public static async Task ExecuteAsync(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Sessions waiting for a lock while running a statement whose text is LIKE <paramref name="queryPattern"/>.</summary>
    /// <remarks>The pattern is a parameter, so this query's own text never matches it.</remarks>
    public static async Task<long> LockWaitsAsync(this NpgsqlConnection connection, string queryPattern)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = queryPattern });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlConnection connection, string sql, int column = 0)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row from: {sql}");
        return reader.GetFieldValue<T>(column);
    }
}
