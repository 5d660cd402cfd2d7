using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ResumeAspire.Api.Infrastructure;
using ResumeAspire.Api.Jobs;
using ResumeAspire.Api.RateLimiting;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Generation;

namespace ResumeAspire.Api.Generation;

/// <summary>
/// The original system's blocking mode: the document comes back in the response. Nothing is
/// queued or stored, so it holds a request thread for the whole generation.
/// </summary>
public static class SyncGenerationApi
{
    public static IEndpointRouteBuilder MapSyncGenerationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/resume/generate", GenerateAsync)
            .WithTags("Resume (synchronous)")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitingExtensions.SyncGenerationPolicy);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> GenerateAsync(
        GenerateRequest request, HttpContext http, ResumeDbContext db, ResumeGenerator generator, CancellationToken ct)
    {
        var errors = GenerateRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = http.User.UserId();
        var candidate = await db.Candidates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CandidateId && c.OwnerId == userId, ct);
        if (candidate is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["candidate_id"] = ["No candidate with this id."] });
        }

        var generated = await generator.GenerateAsync(candidate.ToProfile(), request.JobId!.Trim(), request.JobDescription!,
            GenerateRequestValidator.FileTypeOrDefault(request), GenerateRequestValidator.TemplateOrDefault(request), ct);
        http.Response.Headers["X-Match-Score"] = generated.Resume.Match.Score.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(generated.Document.Content, generated.Document.ContentType, generated.Document.FileName);
    }
}
