using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ResumeAspire.Core.Data;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// Commits new jobs in groups. Under load, enqueue requests spent most of their time in
/// PostgreSQL waiting for their own commit's WAL flush (LWLock:WALWrite in pg_stat_activity); jobs
/// that arrive while a group is being written go together in the next one: one round trip, one
/// commit, one flush. A lone request is written at once, so nothing waits for a group to fill.
/// Every caller still returns only after its own row is committed.
/// </summary>
public sealed class JobInsertBatcher(IServiceScopeFactory scopes, ILogger<JobInsertBatcher> logger) : BackgroundService
{
    /// <summary>Most jobs in one commit (one INSERT of that many rows).</summary>
    public const int MaxGroup = 64;

    /// <summary>Groups in flight at once; each holds one pooled connection while it writes.</summary>
    public const int Writers = 4;

    private readonly Channel<PendingInsert> _pending = Channel.CreateUnbounded<PendingInsert>();

    /// <summary>Jobs handed over and not yet taken into a group.</summary>
    public int Waiting => _pending.Reader.Count;

    /// <summary>
    /// Returns once the job's row is committed, with the number of jobs in that commit; throws what
    /// its INSERT threw (a <see cref="PostgresException"/>: a unique or foreign-key violation).
    /// </summary>
    public Task<int> InsertAsync(ResumeJob job)
    {
        var pending = new PendingInsert(job);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The Api is shutting down; no new jobs are written.");
        }

        return pending.Committed.Task;
    }

    // The writers stop when StopAsync closes the channel and they have emptied it, not when the
    // stopping token fires: a job handed over is written, whoever is waiting for it.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => WriteGroupsAsync()));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests already handed over are written before the writers stop.
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<PendingInsert>(MaxGroup);
        try
        {
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
        catch (Exception e)
        {
            logger.LogError(e, "The job insert writer stopped");
            foreach (var pending in group)
            {
                pending.Committed.TrySetException(e);
            }
        }
    }

    private async Task WriteAsync(List<PendingInsert> group)
    {
        try
        {
            await SaveAsync(group.ConvertAll(p => p.Job));
            foreach (var pending in group)
            {
                pending.Committed.TrySetResult(group.Count);
            }
        }
        catch (PostgresException e) when (group.Count > 1 && e.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            // One row the database refuses (a replayed idempotency key, a cached document removed
            // meanwhile) fails the whole group: write them one by one so each caller gets its own answer.
            foreach (var pending in group)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception e)
        {
            foreach (var pending in group)
            {
                pending.Committed.TrySetException(e);
            }
        }
    }

    private async Task SaveAsync(List<ResumeJob> jobs)
    {
        // The context only lends its pooled connection: the rows go in through JobInsertCommand.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResumeDbContext>();
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            await using var batch = JobInsertCommand.Create((NpgsqlConnection)db.Database.GetDbConnection(), jobs);
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            // A pooled context does not close a connection it was asked to open when it goes back to
            // its pool: without this, every group kept one, and the Npgsql pool ran dry.
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed record PendingInsert(ResumeJob Job)
    {
        public TaskCompletionSource<int> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
