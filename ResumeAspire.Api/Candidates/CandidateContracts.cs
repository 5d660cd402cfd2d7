using ResumeAspire.Core.Data;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Api.Candidates;

// Request fields are nullable so a missing field is a validation error naming it, not a binding failure.
public sealed record CandidateRequest(
    string? FullName,
    string? Email,
    string? Phone,
    string? Location,
    string? Headline,
    string? Summary,
    List<string?>? Skills,
    List<ExperienceRequest?>? Experience,
    List<EducationRequest?>? Education);

public sealed record ExperienceRequest(string? Company, string? Title, string? StartDate, string? EndDate, List<string?>? Bullets);

public sealed record EducationRequest(string? School, string? Degree, string? Year);

public sealed record CandidateResponse(
    Guid Id,
    string FullName,
    string? Email,
    string? Phone,
    string? Location,
    string? Headline,
    string? Summary,
    IReadOnlyList<string> Skills,
    IReadOnlyList<ExperienceEntry> Experience,
    IReadOnlyList<EducationEntry> Education,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CandidateResponse From(Candidate c) =>
        new(c.Id, c.FullName, c.Email, c.Phone, c.Location, c.Headline, c.Summary, c.Skills, c.Experience, c.Education,
            c.Version, c.CreatedAt, c.UpdatedAt);
}
