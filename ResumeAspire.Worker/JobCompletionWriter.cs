using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using ResumeAspire.Core.Data;

namespace ResumeAspire.Worker;

/// <summary>
/// Commits finished jobs in groups: the document INSERT + COMPLETED statements of every job that
/// finished while the previous group was being written go in one round trip and one commit (one
/// WAL flush), instead of one each. A lone job is written at once, so nothing waits for a group
/// to fill. Each statement is still conditional on its own job being owned by its delivery, so a
/// job cancelled or taken over meanwhile only writes nothing, without holding up the others; and
/// every caller learns about its own row only after the group's commit.
/// </summary>
public sealed class JobCompletionWriter(RawConnections database, TimeProvider clock, ILogger<JobCompletionWriter> logger) : BackgroundService
{
    /// <summary>Most jobs in one commit; a group of .docx files stays a few MB.</summary>
    public const int MaxGroup = 64;

    /// <summary>Groups in flight at once: one is written while the next one gathers.</summary>
    public const int Writers = 2;

    // Document INSERT and COMPLETED in one statement, so atomically (EF's SaveChanges took five
    // round trips). The FOR UPDATE row is the ownership check: no orphan document when it fails.
    internal const string Sql = """
        WITH owned AS (
            SELECT id FROM resume_jobs
            WHERE id = $1 AND status = 'PROCESSING' AND attempts = $2
            FOR UPDATE
        ), document AS (
            INSERT INTO resume_documents (id, content, content_type, created_at, file_name, sha256, size)
            SELECT $3, $4, $5, $6, $7, $8, $9
            FROM owned
            RETURNING id
        )
        UPDATE resume_jobs
        SET status = 'COMPLETED', progress = 100, stage = 'done', document_id = document.id,
            error = NULL, note = $10, lease_expires_at = NULL, match_score = $11,
            matched_keywords = $12, missing_keywords = $13, completed_at = $6
        FROM document
        WHERE resume_jobs.id = $1
        """;

    private readonly Channel<JobCompletion> _pending = Channel.CreateUnbounded<JobCompletion>();

    /// <summary>Returns once the job's row is committed: true, or false when the delivery no longer owned the job.</summary>
    public Task<bool> CompleteAsync(JobCompletion completion)
    {
        if (!_pending.Writer.TryWrite(completion))
        {
            throw new InvalidOperationException("The worker is shutting down; no more jobs are completed here.");
        }

        return completion.Committed.Task;
    }

    // The writers stop when StopAsync closes the channel and they have emptied it: a job handed
    // over is written, whoever is waiting for it (the consumer stops, and drains, before this).
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => WriteGroupsAsync()));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<JobCompletion>(MaxGroup);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (group.Count < MaxGroup && _pending.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            if (group.Count > 0)
            {
                await WriteAsync(group);
                group.Clear();
            }
        }
    }

    private async Task WriteAsync(List<JobCompletion> group)
    {
        // Each COMPLETED decrements its owner's jobs_in_flight row at commit, in statement order:
        // ordered by owner, like the Api's group inserts, no two transactions lock those rows in
        // opposite orders (migration JobsInFlightPerOwner).
        group.Sort(static (a, b) => string.CompareOrdinal(a.Job.OwnerId, b.Job.OwnerId));
        try
        {
            var owned = await SaveAsync(group);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Committed.TrySetResult(owned[i]);
            }
        }
        catch (PostgresException e) when (group.Count > 1)
        {
            // One statement the database refuses rolls back the whole group: write them one by one
            // so each job gets its own answer and only the bad one is retried.
            logger.LogWarning("A group of {Count} completions failed ({SqlState}); writing them one by one", group.Count, e.SqlState);
            foreach (var completion in group)
            {
                await WriteAsync([completion]);
            }
        }
        catch (Exception e)
        {
            foreach (var completion in group)
            {
                completion.Committed.TrySetException(e);
            }
        }
    }

    private async Task<bool[]> SaveAsync(List<JobCompletion> group)
    {
        // The group's statement shows in the first job's trace (an Npgsql span has one parent).
        var previous = Activity.Current;
        Activity.Current = group[0].Trace ?? previous;
        try
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var batch = new NpgsqlBatch(connection);
            var now = clock.GetUtcNow();
            foreach (var completion in group)
            {
                batch.BatchCommands.Add(Command(completion, now));
            }

            // A batch without an explicit transaction runs as one implicit transaction: one commit.
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
            var owned = new bool[group.Count];
            for (var i = 0; i < owned.Length; i++)
            {
                owned[i] = batch.BatchCommands[i].RecordsAffected == 1;
            }

            return owned;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    private static NpgsqlBatchCommand Command(JobCompletion completion, DateTimeOffset now)
    {
        var (job, tailored, document) = (completion.Job, completion.Tailored, completion.Document);
        var command = new NpgsqlBatchCommand(Sql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = job.Id });
        p.Add(new NpgsqlParameter<int> { TypedValue = job.Attempts });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = completion.DocumentId });
        p.Add(new NpgsqlParameter<byte[]> { TypedValue = document.Content, NpgsqlDbType = NpgsqlDbType.Bytea });
        p.Add(new NpgsqlParameter<string> { TypedValue = document.ContentType, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        p.Add(new NpgsqlParameter<string> { TypedValue = document.FileName, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<string> { TypedValue = Convert.ToHexStringLower(SHA256.HashData(document.Content)), NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<long> { TypedValue = document.Content.LongLength });
        p.Add(new NpgsqlParameter { Value = (object?)tailored.Note ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<int> { TypedValue = tailored.Match.Score });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. tailored.Match.Matched], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. tailored.Match.Missing], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return command;
    }
}
