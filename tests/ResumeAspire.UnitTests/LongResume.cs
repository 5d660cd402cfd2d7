using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.UnitTests;

/// <summary>
/// A resume far longer than one page (12 roles × 8 bullets by default), with bullets of varied
/// length so some wrap onto two or three lines: what pagination has to cope with.
/// </summary>
internal static class LongResume
{
    private static readonly string[] Openings =
    [
        "Led", "Built", "Migrated", "Designed", "Automated", "Reduced", "Mentored", "Owned",
    ];

    private static readonly string[] Tails =
    [
        "the billing service",
        "a Kubernetes platform for forty teams, with per-team namespaces, quotas and a self-service onboarding flow",
        "nightly batch jobs from cron to an event-driven pipeline on Kafka, cutting the time from order to invoice from twelve hours to four minutes while keeping every audit trail intact",
        "PostgreSQL schemas and query plans",
        "CI/CD with GitHub Actions and Docker, so a change reaches production in under fifteen minutes",
        "p99 latency of the search API from 900 ms to 120 ms by caching in Redis",
        "four engineers, two of whom now lead teams",
        "on-call for payments, writing the runbooks and the post-incident reviews",
    ];

    public static TailoredResume Create(int roles = 12, int bulletsPerRole = 8)
    {
        var candidate = new CandidateProfile(
            FullName: "Alexandra Long-Career",
            Email: "alexandra@example.com",
            Phone: "+1 555 0100",
            Location: "Toronto, Canada",
            Headline: "Principal Engineer",
            Summary: "Engineer with twenty years of backend, platform and team leadership experience.",
            Skills: ["C#", ".NET", "PostgreSQL", "Kubernetes", "Kafka", "Redis", "Docker", "Leadership"],
            Experience: [],
            Education: [new EducationEntry("University of Toronto", "BASc Computer Engineering", "2004")]);
        var experience = Enumerable.Range(1, roles).Select(r => new TailoredExperience(
            Company: $"Company {r:00}",
            Title: r % 3 == 0 ? "Staff Engineer" : "Senior Software Engineer",
            StartDate: $"{2024 - (2 * r)}-01",
            EndDate: r == 1 ? null : $"{2025 - (2 * r)}-12",
            Bullets: [.. Enumerable.Range(0, bulletsPerRole).Select(b => $"{Openings[b % Openings.Length]} {Tails[(b + r) % Tails.Length]} (role {r}, item {b + 1}).")])).ToList();
        return new TailoredResume(
            candidate,
            "JOB-LONG",
            "Principal engineer who builds reliable platforms and the teams that run them, with C#, .NET, PostgreSQL and Kubernetes in production for a decade.",
            candidate.Skills,
            experience,
            candidate.Education,
            new MatchReport(80, ["C#", "PostgreSQL", "Kubernetes"], ["Go"]));
    }
}
