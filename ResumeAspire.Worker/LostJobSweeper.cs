using Microsoft.Extensions.Options;
using Npgsql;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Queue;

namespace ResumeAspire.Worker;

/// <summary>
/// Finds accepted jobs the queue no longer knows about — PENDING (or PROCESSING with a long
/// expired lease) in PostgreSQL but absent from Redis, because Redis lost its data or the Api
/// died between INSERT and XADD — and publishes them again. Processing is idempotent, so a
/// rare duplicate costs nothing but a skipped delivery.
/// </summary>
public sealed class LostJobSweeper(RawConnections database, JobQueue queue, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<LostJobSweeper> logger)
{
    // The 500 oldest suspects, as two ordered index scans of ix_resume_jobs_status_created_at that
    // stop after 500 rows each. One scan with an OR of the two statuses read every PENDING row
    // older than the cutoff and sorted them all: at a 50,000-job backlog, 428 ms and 26,000
    // buffers every SweepInterval, 10 % of PostgreSQL's time while the Worker drained it
    // (bench/README.md). PROCESSING rows are few: one per busy Worker slot, plus abandoned ones.
    internal const string Sql = """
        (SELECT id, trace_parent, trace_state, created_at FROM resume_jobs
         WHERE status = 'PENDING' AND created_at < $1
         ORDER BY created_at LIMIT 500)
        UNION ALL
        (SELECT id, trace_parent, trace_state, created_at FROM resume_jobs
         WHERE status = 'PROCESSING' AND lease_expires_at < $1
         ORDER BY created_at LIMIT 500)
        ORDER BY created_at
        LIMIT 500
        """;

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var suspects = await SuspectsAsync(now - options.Value.SweepAfter, ct);
        var known = await queue.AreQueuedAsync(suspects.Select(j => j.Id).ToList());
        var republished = 0;
        for (var i = 0; i < suspects.Count; i++)
        {
            if (known[i])
            {
                continue;
            }

            var job = suspects[i];
            await queue.EnqueueAsync(new JobMessage(job.Id, job.TraceParent, job.TraceState, now));
            republished++;
        }

        if (republished > 0)
        {
            logger.LogWarning("Re-published {Count} job(s) that were missing from the queue", republished);
        }

        return republished;
    }

    private async Task<List<(Guid Id, string? TraceParent, string? TraceState)>> SuspectsAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var suspects = new List<(Guid, string?, string?)>();
        while (await reader.ReadAsync(ct))
        {
            suspects.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return suspects;
    }
}
