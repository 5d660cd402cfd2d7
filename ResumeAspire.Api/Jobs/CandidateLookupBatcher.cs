using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using ResumeAspire.Core.Data;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// The lookup every enqueue starts with (the owner's candidate and the owner's jobs in flight), in
/// groups. Alone it is a trivial statement, yet at 2,000 enqueues/s its round trips cost more
/// CPU in PostgreSQL and in the Api than its two index reads; lookups that arrive while a group
/// is being read go together in the next one. A lone request is read at once, so nothing waits
/// for a group to fill, and each caller still gets its own row.
/// </summary>
public sealed class CandidateLookupBatcher(RawConnections connections, ILogger<CandidateLookupBatcher> logger) : BackgroundService
{
    /// <summary>Most lookups in one statement.</summary>
    public const int MaxGroup = 64;

    /// <summary>Groups read at once; each holds one pooled connection while it reads.</summary>
    public const int Readers = 2;

    // Every input row comes back, in order, with a null version when the candidate does not exist
    // or belongs to someone else. Scalar subqueries keep the plan two primary-key reads per row,
    // whatever the planner guesses about the arrays' length. The jobs in flight are one row that
    // triggers keep (migration JobsInFlightPerOwner): the cost does not grow with the backlog.
    internal const string Sql = """
        SELECT t.ord,
            (SELECT c.version FROM candidates c WHERE c.id = t.candidate_id AND c.owner_id = t.owner_id),
            coalesce((SELECT f.jobs FROM jobs_in_flight f WHERE f.owner_id = t.owner_id), 0)
        FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS t(candidate_id, owner_id, ord)
        """;

    private readonly Channel<PendingLookup> _pending = Channel.CreateUnbounded<PendingLookup>();

    /// <summary>Lookups handed over and not yet taken into a group.</summary>
    public int Waiting => _pending.Reader.Count;

    /// <summary>The owner's candidate and jobs in flight; null when the user has no such candidate.</summary>
    public Task<CandidateForEnqueue?> LookupAsync(Guid candidateId, string userId, CancellationToken ct)
    {
        var pending = new PendingLookup(candidateId, userId);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The Api is shutting down; no new jobs are looked up.");
        }

        // A caller that gives up stops waiting; its row is still read with the others of its group.
        return pending.Found.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => ReadGroupsAsync()));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task ReadGroupsAsync()
    {
        var group = new List<PendingLookup>(MaxGroup);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (group.Count < MaxGroup && _pending.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                await ReadAsync(group);
            }
            catch (Exception e)
            {
                // The database is unreachable or refused the statement: every caller of the group
                // gets the exception, as it would have from a lookup of its own.
                logger.LogDebug(e, "A group of {Count} enqueue lookups failed", group.Count);
                foreach (var pending in group)
                {
                    pending.Found.TrySetException(e);
                }
            }

            group.Clear();
        }
    }

    private async Task ReadAsync(List<PendingLookup> group)
    {
        var candidateIds = new Guid[group.Count];
        var ownerIds = new string[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            candidateIds[i] = group[i].CandidateId;
            ownerIds[i] = group[i].UserId;
        }

        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = candidateIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ownerIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            var pending = group[(int)reader.GetInt64(0) - 1];
            pending.Found.TrySetResult(reader.IsDBNull(1)
                ? null
                : new CandidateForEnqueue(pending.CandidateId, reader.GetInt32(1), reader.GetInt32(2)));
        }

        foreach (var pending in group)
        {
            pending.Found.TrySetException(new InvalidOperationException("The enqueue lookup returned no row for this request."));
        }
    }

    private sealed record PendingLookup(Guid CandidateId, string UserId)
    {
        public TaskCompletionSource<CandidateForEnqueue?> Found { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

public sealed record CandidateForEnqueue(Guid Id, int Version, int InFlight);
