using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ResumeAspire.Api.Infrastructure;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Api.Candidates;

public static class CandidatesApi
{
    public static IEndpointRouteBuilder MapCandidatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/candidates")
            .WithTags("Candidates")
            .RequireAuthorization();

        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:guid}", ReplaceAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
        return app;
    }

    private static async Task<Ok<List<CandidateResponse>>> ListAsync(HttpContext http, ResumeDbContext db, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var candidates = await db.Candidates.AsNoTracking()
            .Where(c => c.OwnerId == userId)
            .OrderByDescending(c => c.CreatedAt)
            .ToListAsync(ct);
        return TypedResults.Ok(candidates.Select(CandidateResponse.From).ToList());
    }

    private static async Task<Results<Ok<CandidateResponse>, NotFound>> GetAsync(Guid id, HttpContext http, ResumeDbContext db, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var candidate = await db.Candidates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.OwnerId == userId, ct);
        return candidate is null ? TypedResults.NotFound() : TypedResults.Ok(CandidateResponse.From(candidate));
    }

    private static async Task<Results<Created<CandidateResponse>, ValidationProblem>> CreateAsync(
        CandidateRequest request, HttpContext http, ResumeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (profile, errors) = CandidateValidator.Validate(request);
        if (profile is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var candidate = new Candidate
        {
            Id = Guid.CreateVersion7(),
            OwnerId = http.User.UserId(),
            FullName = profile.FullName,
            CreatedAt = now,
        };
        Apply(candidate, profile, now);
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/candidates/{candidate.Id}", CandidateResponse.From(candidate));
    }

    private static async Task<Results<Ok<CandidateResponse>, NotFound, ValidationProblem, Conflict<string>>> ReplaceAsync(
        Guid id, CandidateRequest request, HttpContext http, ResumeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var candidate = await db.Candidates.SingleOrDefaultAsync(c => c.Id == id && c.OwnerId == userId, ct);
        if (candidate is null)
        {
            return TypedResults.NotFound();
        }

        var (profile, errors) = CandidateValidator.Validate(request);
        if (profile is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Apply(candidate, profile, clock.GetUtcNow());
        candidate.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Conflict("The candidate was changed by another request; reload it and try again.");
        }

        return TypedResults.Ok(CandidateResponse.From(candidate));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, HttpContext http, ResumeDbContext db, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var deleted = await db.Candidates.Where(c => c.Id == id && c.OwnerId == userId).ExecuteDeleteAsync(ct);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    private static void Apply(Candidate candidate, CandidateProfile profile, DateTimeOffset now)
    {
        candidate.FullName = profile.FullName;
        candidate.Email = profile.Email;
        candidate.Phone = profile.Phone;
        candidate.Location = profile.Location;
        candidate.Headline = profile.Headline;
        candidate.Summary = profile.Summary;
        candidate.Skills = [.. profile.Skills];
        candidate.Experience = [.. profile.Experience];
        candidate.Education = [.. profile.Education];
        candidate.UpdatedAt = now;
    }
}
