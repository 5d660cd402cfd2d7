using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ResumeAspire.Api.RateLimiting;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Generation;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Telemetry;
using StackExchange.Redis;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// Accepts a job: idempotency, per-user in-flight cap, result cache, then the INSERT and the
/// XADD inside one producer span.
/// </summary>
public sealed class JobEnqueuer(
    IServiceProvider services,
    CandidateLookupBatcher lookups,
    JobInsertBatcher inserts,
    JobQueue queue,
    ResultCache cache,
    JobsTelemetry telemetry,
    IOptions<JobLimitsOptions> limits,
    TimeProvider clock,
    ILogger<JobEnqueuer> logger)
{
    // Rented from the context pool only on the rare paths (replay, take-back): an ordinary enqueue needs none.
    private ResumeDbContext Db => services.GetRequiredService<ResumeDbContext>();

    public async Task<EnqueueResult> EnqueueAsync(string userId, GenerateRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var fileType = GenerateRequestValidator.FileTypeOrDefault(request);
        var template = GenerateRequestValidator.TemplateOrDefault(request);
        var requestHash = idempotencyKey is null ? null : HashRequest(request, fileType, template);
        if (idempotencyKey is not null && await ReplayAsync(userId, idempotencyKey, requestHash!, ct) is { } replay)
        {
            return replay;
        }

        var candidate = await lookups.LookupAsync(request.CandidateId!.Value, userId, ct);
        if (candidate is null)
        {
            // A foreign candidate is reported exactly like a missing one: ids of other users' data do not leak.
            return new EnqueueResult.Invalid(new Dictionary<string, string[]> { ["candidate_id"] = ["No candidate with this id."] });
        }

        if (candidate.InFlight >= limits.Value.MaxInFlightPerUser)
        {
            return new EnqueueResult.TooManyInFlight(limits.Value.MaxInFlightPerUser);
        }

        using var activity = JobsTelemetry.Source.StartActivity($"{QueueNames.Stream} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", QueueNames.Stream);
        activity?.SetTag("messaging.operation.type", "send");

        var now = clock.GetUtcNow();
        var (traceParent, traceState) = JobTrace.Propagation(activity);
        var cacheKey = ResultCacheKey.Compute(candidate.Id, candidate.Version, request.JobDescription!, fileType, template);
        var job = new ResumeJob
        {
            Id = Guid.CreateVersion7(),
            OwnerId = userId,
            CandidateId = candidate.Id,
            CandidateVersion = candidate.Version,
            JobRef = request.JobId!.Trim(),
            JobDescription = request.JobDescription!,
            FileType = fileType,
            Template = template,
            Status = JobStatus.Pending,
            Stage = JobStages.Queued,
            CacheKey = cacheKey,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            TraceParent = traceParent,
            TraceState = traceState,
            CreatedAt = now,
        };
        activity?.SetTag("resume.job.id", job.Id);

        CachedResult? cached;
        using (var lookup = JobsTelemetry.Source.StartActivity("cache lookup"))
        {
            cached = await cache.GetAsync(cacheKey);
            lookup?.SetTag("resume.cache.hit", cached is not null);
        }

        if (cached is not null)
        {
            CompleteFromCache(job, cached, now);
        }

        try
        {
            // The wait for the group commit shows in the job's trace; the SQL runs outside any request.
            using var insert = JobsTelemetry.Source.StartActivity("insert");
            var groupSize = await inserts.InsertAsync(job);
            insert?.SetTag("resume.insert.group_size", groupSize);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && idempotencyKey is not null)
        {
            // A concurrent request with the same key won the INSERT: answer as its replay.
            return await ReplayAsync(userId, idempotencyKey, requestHash!, ct)
                ?? throw new InvalidOperationException("Unique violation on the idempotency key, yet no job carries it.", e);
        }
        catch (PostgresException e) when (cached is not null && e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The cached document was removed by retention after it was cached: generate afresh.
            await cache.RemoveAsync(cacheKey);
            return await EnqueueAsync(userId, request, idempotencyKey, ct);
        }

        if (cached is not null)
        {
            telemetry.CacheHits.Add(1);
            telemetry.Completed.Add(1, new KeyValuePair<string, object?>("cached", true));
            activity?.SetTag("resume.cache.hit", true);
            return new EnqueueResult.Accepted(job, Replayed: false);
        }

        telemetry.CacheMisses.Add(1);
        try
        {
            var messageId = await queue.EnqueueAsync(new JobMessage(job.Id, job.TraceParent, job.TraceState, now));
            activity?.SetTag("messaging.message.id", messageId);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Take the row back so the caller's retry does not leave two jobs. Should this DELETE
            // fail too, the row stays PENDING and the lost-message sweeper publishes it later.
            logger.LogWarning(e, "Redis refused job {JobId}; the job was not accepted", job.Id);
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error, "queue unavailable");
            await Db.ResumeJobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync(CancellationToken.None);
            return new EnqueueResult.QueueUnavailable();
        }

        telemetry.Enqueued.Add(1);
        return new EnqueueResult.Accepted(job, Replayed: false);
    }

    private async Task<EnqueueResult?> ReplayAsync(string userId, string idempotencyKey, string requestHash, CancellationToken ct)
    {
        var existing = await Db.ResumeJobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.OwnerId == userId && j.IdempotencyKey == idempotencyKey, ct);
        if (existing is null)
        {
            return null;
        }

        return existing.RequestHash == requestHash
            ? new EnqueueResult.Accepted(existing, Replayed: true)
            : new EnqueueResult.IdempotencyMismatch();
    }

    private static void CompleteFromCache(ResumeJob job, CachedResult cached, DateTimeOffset now)
    {
        job.Status = JobStatus.Completed;
        job.Stage = JobStages.Done;
        job.Progress = 100;
        job.Cached = true;
        job.DocumentId = cached.DocumentId;
        job.MatchScore = cached.MatchScore;
        job.MatchedKeywords = [.. cached.Matched];
        job.MissingKeywords = [.. cached.Missing];
        job.StartedAt = now;
        job.CompletedAt = now;
    }

    private static string HashRequest(GenerateRequest request, string fileType, string template)
    {
        var canonical = $"{request.CandidateId:N}\n{request.JobId!.Trim()}\n{fileType}\n{template}\n{request.JobDescription}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

public abstract record EnqueueResult
{
    private EnqueueResult()
    {
    }

    public sealed record Accepted(ResumeJob Job, bool Replayed) : EnqueueResult;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : EnqueueResult;

    public sealed record TooManyInFlight(int Limit) : EnqueueResult;

    public sealed record IdempotencyMismatch : EnqueueResult;

    public sealed record QueueUnavailable : EnqueueResult;
}
