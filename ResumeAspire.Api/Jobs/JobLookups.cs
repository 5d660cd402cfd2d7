using Npgsql;
using NpgsqlTypes;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// The read every poll makes, as a single prepared statement on a raw pooled connection: no
/// DbContext is rented for it (under load, each concurrent request held one and the context pool
/// kept up to 1,024), no EF query pipeline, no transaction, one row. The enqueue's lookup is
/// read in groups: <see cref="CandidateLookupBatcher"/>.
/// </summary>
public sealed class JobLookups(RawConnections connections)
{
    // The columns a status needs: the job description (up to 20,000 characters) and the
    // idempotency and cache keys stay in the database.
    private const string StatusSql = """
        SELECT id, owner_id, candidate_id, job_ref, file_type, template, status, progress, stage, attempts, error, note,
            cached, match_score, matched_keywords, missing_keywords, document_id, trace_parent, trace_state,
            created_at, started_at, completed_at
        FROM resume_jobs
        WHERE id = $1 AND owner_id = $2
        """;

    /// <summary>A status as the owner sees it; another user's job is not found.</summary>
    public async Task<ResumeJob?> StatusAsync(Guid jobId, string userId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var command = new NpgsqlCommand(StatusSql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = jobId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new ResumeJob
        {
            Id = reader.GetGuid(0),
            OwnerId = reader.GetString(1),
            CandidateId = reader.GetGuid(2),
            JobRef = reader.GetString(3),
            JobDescription = "",
            FileType = reader.GetString(4),
            Template = reader.GetString(5),
            Status = reader.GetString(6),
            Progress = reader.GetInt32(7),
            Stage = NullableString(reader, 8),
            Attempts = reader.GetInt32(9),
            Error = NullableString(reader, 10),
            Note = NullableString(reader, 11),
            Cached = reader.GetBoolean(12),
            MatchScore = reader.IsDBNull(13) ? null : reader.GetInt32(13),
            MatchedKeywords = [.. reader.GetFieldValue<string[]>(14)],
            MissingKeywords = [.. reader.GetFieldValue<string[]>(15)],
            DocumentId = reader.IsDBNull(16) ? null : reader.GetGuid(16),
            TraceParent = NullableString(reader, 17),
            TraceState = NullableString(reader, 18),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(19),
            StartedAt = reader.IsDBNull(20) ? null : reader.GetFieldValue<DateTimeOffset>(20),
            CompletedAt = reader.IsDBNull(21) ? null : reader.GetFieldValue<DateTimeOffset>(21),
        };
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
