using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Data;

public sealed class Candidate
{
    public Guid Id { get; set; }
    public required string OwnerId { get; set; }
    public required string FullName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Location { get; set; }
    public string? Headline { get; set; }
    public string? Summary { get; set; }
    public List<string> Skills { get; set; } = [];
    public List<ExperienceEntry> Experience { get; set; } = [];
    public List<EducationEntry> Education { get; set; } = [];

    /// <summary>
    /// Bumped on every edit. It is both the optimistic-concurrency token and part of the
    /// result-cache key, so a cached document for an older profile is never served.
    /// </summary>
    public int Version { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public CandidateProfile ToProfile() =>
        new(FullName, Email, Phone, Location, Headline, Summary, Skills, Experience, Education);
}
