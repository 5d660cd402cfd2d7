namespace ResumeAspire.Core.Domain;

/// <summary>The candidate's own facts: the only material tailoring may use.</summary>
public sealed record CandidateProfile(
    string FullName,
    string? Email,
    string? Phone,
    string? Location,
    string? Headline,
    string? Summary,
    IReadOnlyList<string> Skills,
    IReadOnlyList<ExperienceEntry> Experience,
    IReadOnlyList<EducationEntry> Education);

public sealed record ExperienceEntry(
    string Company,
    string Title,
    string? StartDate,
    string? EndDate,
    IReadOnlyList<string> Bullets);

public sealed record EducationEntry(string School, string? Degree, string? Year);
