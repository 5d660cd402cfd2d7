using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResumeAspire.Api.Infrastructure;
using ResumeAspire.Api.RateLimiting;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Api.Jobs;

/// <summary>The asynchronous endpoints, on the paths the original Flask API used.</summary>
public static class ResumeJobsApi
{
    private const string Prefix = "/api/resume-async";
    private const int MaxIdempotencyKeyLength = 200;

    public static string StatusPath(Guid jobId) => $"{Prefix}/job-status/{jobId}";

    public static string DownloadPath(Guid jobId) => $"{Prefix}/download/{jobId}";

    public static IEndpointRouteBuilder MapResumeJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix)
            .WithTags("Resume jobs")
            .RequireAuthorization();

        group.MapPost("/generate-async", GenerateAsync)
            .RequireRateLimiting(RateLimitingExtensions.EnqueuePolicy)
            .RequireEnqueueAdmission();
        group.MapGet("/job-status/{jobId:guid}", GetStatusAsync);
        group.MapGet("/download/{jobId:guid}", DownloadAsync);
        group.MapGet("/my-jobs", ListMyJobsAsync);
        group.MapDelete("/job/{jobId:guid}", CancelAsync);
        group.MapJobEvents();
        return app;
    }

    private static async Task<IResult> GenerateAsync(
        GenerateRequest request, HttpContext http, JobEnqueuer enqueuer, IOptions<JobLimitsOptions> limits, CancellationToken ct,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey = null)
    {
        var errors = GenerateRequestValidator.Validate(request);
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength))
        {
            errors["Idempotency-Key"] = [$"Must be 1 to {MaxIdempotencyKeyLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await enqueuer.EnqueueAsync(http.User.UserId(), request, idempotencyKey, ct);
        return result switch
        {
            EnqueueResult.Accepted { Replayed: true, Job: var job } => TypedResults.Ok(Accepted(job)),
            EnqueueResult.Accepted(var job, _) => TypedResults.Accepted(StatusPath(job.Id), Accepted(job)),
            EnqueueResult.Invalid(var invalid) => TypedResults.ValidationProblem(invalid),
            EnqueueResult.TooManyInFlight(var limit) => RateLimitingExtensions.TooManyRequests(limits.Value.InFlightRetryAfter,
                $"You already have {limit} jobs pending or processing; wait for some to finish."),
            EnqueueResult.IdempotencyMismatch => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency key reused", detail: "This Idempotency-Key was already used with a different request body."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Queue unavailable",
                detail: "The job queue is not reachable right now; nothing was recorded. Try again shortly."),
        };
    }

    private static GenerateAcceptedResponse Accepted(ResumeJob job) =>
        new(job.Id, job.Status, job.Progress, job.Cached, StatusPath(job.Id), DownloadPath(job.Id), job.CreatedAt);

    private static async Task<Results<Ok<JobStatusResponse>, NotFound>> GetStatusAsync(Guid jobId, HttpContext http, JobLookups lookups, CancellationToken ct)
    {
        var job = await lookups.StatusAsync(jobId, http.User.UserId(), ct);
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        JobTrace.LinkCurrentActivity(job);
        return TypedResults.Ok(JobStatusResponse.From(job));
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> DownloadAsync(
        Guid jobId, HttpContext http, ResumeDbContext db, CancellationToken ct)
    {
        // Job and document in one round trip; the bytes are read once and written as they are.
        var job = await JobQueries.Download(db, jobId, http.User.UserId(), ct);
        if (job is null)
        {
            return TypedResults.NotFound();
        }

        JobTrace.LinkCurrentActivity(job.TraceParent, job.TraceState);
        if (job.Status != JobStatus.Completed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not ready",
                detail: $"The job is {job.Status}; the document can be downloaded once it is {JobStatus.Completed}.");
        }

        return job.Content is null
            ? TypedResults.NotFound()
            : TypedResults.File(job.Content, job.ContentType, job.FileName);
    }

    private static async Task<Ok<JobPage>> ListMyJobsAsync(
        HttpContext http, ResumeDbContext db, IOptions<ApiOptions> options, CancellationToken ct,
        int page = 1, [FromQuery(Name = "page_size")] int pageSize = 20)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, options.Value.MaxPageSize);
        var userId = http.User.UserId();
        var mine = db.ResumeJobs.AsNoTracking().Where(j => j.OwnerId == userId);
        var total = await mine.CountAsync(ct);
        var jobs = await mine
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(JobStatusResponse.Columns)
            .ToListAsync(ct);
        return TypedResults.Ok(new JobPage(jobs.Select(JobStatusResponse.From).ToList(), page, pageSize, total));
    }

    private static async Task<Results<Ok<CancelResponse>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid jobId, HttpContext http, ResumeDbContext db, JobCanceller canceller, CancellationToken ct)
    {
        var outcome = await canceller.CancelAsync(http.User.UserId(), jobId, ct);
        return outcome switch
        {
            CancelOutcome.Cancelled => TypedResults.Ok(new CancelResponse(jobId, JobStatus.Cancelled)),
            CancelOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already finished",
                detail: "The job has already reached a final state and cannot be cancelled."),
        };
    }
}
