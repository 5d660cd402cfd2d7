using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Api.Admin;

/// <summary>Reads the queue overview from Redis (stream, group, consumers) and PostgreSQL (job counts).</summary>
public sealed class QueueOverviewReader(
    IConnectionMultiplexer redis, ResumeDbContext db, TimeProvider clock, IOptionsSnapshot<AdminOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async Task<QueueOverview> ReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var redisDb = redis.GetDatabase();
        var queue = await QueueSnapshot.ReadAsync(redisDb);
        var statuses = await WorkerStatus.ReadAllAsync(redisDb);

        var since = now - Window;
        var counts = await db.ResumeJobs
            .Where(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Processing || j.CompletedAt >= since)
            .GroupBy(j => new { j.Status, j.Cached })
            .Select(g => new { g.Key.Status, g.Key.Cached, Count = g.Count() })
            .ToListAsync(ct);

        int Count(string status, bool? cached = null) =>
            counts.Where(c => c.Status == status && (cached is null || c.Cached == cached)).Sum(c => c.Count);

        var completed = Count(JobStatus.Completed);
        var failed = Count(JobStatus.Failed);
        var cachedCompletions = Count(JobStatus.Completed, cached: true);

        return new QueueOverview(
            now,
            new QueueOverview.StreamState(QueueNames.Stream, queue.Length, queue.Pending, queue.Delayed, queue.DeadLetters),
            [.. queue.Consumers.Select(c => new QueueOverview.Consumer(
                c.Name, c.Pending, c.IdleMs, statuses.GetValueOrDefault(c.Name)?.InFlight, statuses.GetValueOrDefault(c.Name)?.LastSeen))],
            new QueueOverview.JobCounts(Count(JobStatus.Pending), Count(JobStatus.Processing)),
            new QueueOverview.LastHourCounts(
                completed,
                failed,
                Count(JobStatus.Cancelled),
                cachedCompletions,
                completed == 0 ? null : (double)cachedCompletions / completed,
                completed + failed == 0 ? null : (double)failed / (completed + failed)),
            options.Value.DashboardUrl);
    }
}
