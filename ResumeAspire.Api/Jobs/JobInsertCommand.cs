using Npgsql;
using NpgsqlTypes;
using ResumeAspire.Core.Data;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// A group of new jobs as one round trip and one commit. New PENDING jobs go in a single INSERT …
/// SELECT FROM unnest(arrays): one statement, prepared once per connection, whatever the group's
/// size (EF's SaveChanges sent one INSERT per row, each parsed and planned by PostgreSQL, after
/// change tracking of every entity). Jobs completed from the result cache carry keyword arrays,
/// which unnest cannot pass per row; they are rare and each gets its own INSERT in the same batch.
/// </summary>
public static class JobInsertCommand
{
    private const string PendingSql = """
        INSERT INTO resume_jobs (id, owner_id, candidate_id, candidate_version, job_ref, job_description, file_type, template,
            status, progress, stage, attempts, cache_key, cached, matched_keywords, missing_keywords,
            trace_parent, trace_state, idempotency_key, request_hash, created_at)
        SELECT id, owner_id, candidate_id, candidate_version, job_ref, job_description, file_type, template,
            status, 0, stage, 0, cache_key, false, '{}', '{}', trace_parent, trace_state, idempotency_key, request_hash, created_at
        FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::text[],
            $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::timestamptz[])
            AS t(id, owner_id, candidate_id, candidate_version, job_ref, job_description, file_type, template,
                status, stage, cache_key, trace_parent, trace_state, idempotency_key, request_hash, created_at)
        """;

    private const string CompletedSql = """
        INSERT INTO resume_jobs (id, owner_id, candidate_id, candidate_version, job_ref, job_description, file_type, template,
            status, progress, stage, attempts, cache_key, cached, match_score, matched_keywords, missing_keywords, document_id,
            trace_parent, trace_state, idempotency_key, request_hash, created_at, started_at, completed_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
        """;

    public static NpgsqlBatch Create(NpgsqlConnection connection, IReadOnlyList<ResumeJob> jobs)
    {
        var batch = new NpgsqlBatch(connection);
        // Each row increments its owner's jobs_in_flight row at commit, in row order: ordered by
        // owner, like the Worker's group completions, no two transactions lock those rows in
        // opposite orders (migration JobsInFlightPerOwner).
        var pending = jobs.Where(j => !j.Cached).OrderBy(j => j.OwnerId, StringComparer.Ordinal).ToList();
        if (pending.Count > 0)
        {
            batch.BatchCommands.Add(Pending(pending));
        }

        foreach (var job in jobs.Where(j => j.Cached))
        {
            batch.BatchCommands.Add(Completed(job));
        }

        return batch;
    }

    private static NpgsqlBatchCommand Pending(List<ResumeJob> jobs)
    {
        var command = new NpgsqlBatchCommand(PendingSql);
        Add(command, jobs, j => j.Id, NpgsqlDbType.Uuid);
        Add(command, jobs, j => j.OwnerId, NpgsqlDbType.Text);
        Add(command, jobs, j => j.CandidateId, NpgsqlDbType.Uuid);
        Add(command, jobs, j => j.CandidateVersion, NpgsqlDbType.Integer);
        Add(command, jobs, j => j.JobRef, NpgsqlDbType.Text);
        Add(command, jobs, j => j.JobDescription, NpgsqlDbType.Text);
        Add(command, jobs, j => j.FileType, NpgsqlDbType.Text);
        Add(command, jobs, j => j.Template, NpgsqlDbType.Text);
        Add(command, jobs, j => j.Status, NpgsqlDbType.Text);
        Add(command, jobs, j => j.Stage, NpgsqlDbType.Text);
        Add(command, jobs, j => j.CacheKey, NpgsqlDbType.Text);
        Add(command, jobs, j => j.TraceParent, NpgsqlDbType.Text);
        Add(command, jobs, j => j.TraceState, NpgsqlDbType.Text);
        Add(command, jobs, j => j.IdempotencyKey, NpgsqlDbType.Text);
        Add(command, jobs, j => j.RequestHash, NpgsqlDbType.Text);
        Add(command, jobs, j => j.CreatedAt, NpgsqlDbType.TimestampTz);
        return command;
    }

    private static NpgsqlBatchCommand Completed(ResumeJob job)
    {
        var command = new NpgsqlBatchCommand(CompletedSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = job.Id });
        p.Add(new NpgsqlParameter<string> { TypedValue = job.OwnerId });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = job.CandidateId });
        p.Add(new NpgsqlParameter<int> { TypedValue = job.CandidateVersion });
        p.Add(new NpgsqlParameter<string> { TypedValue = job.JobRef });
        p.Add(new NpgsqlParameter<string> { TypedValue = job.JobDescription });
        p.Add(new NpgsqlParameter<string> { TypedValue = job.FileType });
        p.Add(new NpgsqlParameter<string> { TypedValue = job.Template });
        p.Add(new NpgsqlParameter<string> { TypedValue = job.Status });
        p.Add(new NpgsqlParameter<int> { TypedValue = job.Progress });
        p.Add(Nullable(job.Stage, NpgsqlDbType.Text));
        p.Add(Nullable(job.CacheKey, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<bool> { TypedValue = job.Cached });
        p.Add(Nullable(job.MatchScore, NpgsqlDbType.Integer));
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. job.MatchedKeywords], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. job.MissingKeywords], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(Nullable(job.DocumentId, NpgsqlDbType.Uuid));
        p.Add(Nullable(job.TraceParent, NpgsqlDbType.Text));
        p.Add(Nullable(job.TraceState, NpgsqlDbType.Text));
        p.Add(Nullable(job.IdempotencyKey, NpgsqlDbType.Text));
        p.Add(Nullable(job.RequestHash, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = job.CreatedAt });
        p.Add(Nullable(job.StartedAt, NpgsqlDbType.TimestampTz));
        p.Add(Nullable(job.CompletedAt, NpgsqlDbType.TimestampTz));
        return command;
    }

    private static void Add<T>(NpgsqlBatchCommand command, List<ResumeJob> jobs, Func<ResumeJob, T> column, NpgsqlDbType type)
    {
        var values = new T[jobs.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column(jobs[i]);
        }

        command.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | type });
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
