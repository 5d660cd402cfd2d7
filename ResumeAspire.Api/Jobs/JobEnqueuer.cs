using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Generation;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Telemetry;
using StackExchange.Redis;

namespace ResumeAspire.Api.Jobs;

/// <summary>Records a job in PostgreSQL and puts its id on the stream, inside one producer span.</summary>
public sealed class JobEnqueuer(ResumeDbContext db, JobQueue queue, JobsTelemetry telemetry, TimeProvider clock, ILogger<JobEnqueuer> logger)
{
    public async Task<EnqueueResult> EnqueueAsync(string userId, GenerateRequest request, CancellationToken ct)
    {
        var candidate = await db.Candidates.AsNoTracking()
            .Where(c => c.Id == request.CandidateId && c.OwnerId == userId)
            .Select(c => new { c.Id, c.Version })
            .SingleOrDefaultAsync(ct);
        if (candidate is null)
        {
            // A foreign candidate is reported exactly like a missing one: ids of other users' data do not leak.
            return new EnqueueResult.Invalid(new Dictionary<string, string[]> { ["candidate_id"] = ["No candidate with this id."] });
        }

        var fileType = GenerateRequestValidator.FileTypeOrDefault(request);
        using var activity = JobsTelemetry.Source.StartActivity($"{QueueNames.Stream} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", QueueNames.Stream);
        activity?.SetTag("messaging.operation.type", "send");

        var now = clock.GetUtcNow();
        var job = new ResumeJob
        {
            Id = Guid.CreateVersion7(),
            OwnerId = userId,
            CandidateId = candidate.Id,
            CandidateVersion = candidate.Version,
            JobRef = request.JobId!.Trim(),
            JobDescription = request.JobDescription!,
            FileType = fileType,
            Status = JobStatus.Pending,
            Stage = JobStages.Queued,
            CacheKey = ResultCacheKey.Compute(candidate.Id, candidate.Version, request.JobDescription!, fileType),
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            CreatedAt = now,
        };
        activity?.SetTag("resume.job.id", job.Id);

        db.ResumeJobs.Add(job);
        await db.SaveChangesAsync(ct);

        try
        {
            var messageId = await queue.EnqueueAsync(new JobMessage(job.Id, job.TraceParent, job.TraceState, now));
            activity?.SetTag("messaging.message.id", messageId);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Without a queue entry nobody would ever run the job: take the row back and let the caller retry.
            logger.LogWarning(e, "Redis refused job {JobId}; the job was not accepted", job.Id);
            activity?.AddException(e);
            activity?.SetStatus(ActivityStatusCode.Error, "queue unavailable");
            await db.ResumeJobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync(CancellationToken.None);
            return new EnqueueResult.QueueUnavailable();
        }

        telemetry.Enqueued.Add(1);
        return new EnqueueResult.Accepted(job);
    }
}

public abstract record EnqueueResult
{
    private EnqueueResult()
    {
    }

    public sealed record Accepted(ResumeJob Job) : EnqueueResult;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : EnqueueResult;

    public sealed record QueueUnavailable : EnqueueResult;
}
