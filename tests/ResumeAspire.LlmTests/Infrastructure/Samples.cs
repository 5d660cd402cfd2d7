using System.Text.Json;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Tailoring.Llm;

namespace ResumeAspire.LlmTests.Infrastructure;

/// <summary>One candidate, one job description, and model answers good and bad about them.</summary>
public static class Samples
{
    public static readonly CandidateProfile Candidate = new(
        FullName: "Ada Example",
        Email: "ada@example.com",
        Phone: "+49 30 1234567",
        Location: "Berlin",
        Headline: "Senior Backend Engineer",
        Summary: "Backend engineer who builds reliable services.",
        Skills: ["C#", "ASP.NET Core", "PostgreSQL", "Redis", "Docker"],
        Experience:
        [
            new ExperienceEntry("Contoso", "Senior Backend Engineer", "2019", "Present",
            [
                "Built the payments service in ASP.NET Core, handling 2,000 requests per second.",
                "Moved reporting to PostgreSQL, cutting query time by 40%.",
                "Mentored 3 junior engineers.",
            ]),
            new ExperienceEntry("Fabrikam", "Software Engineer", "2015", "2019",
            [
                "Maintained the Redis session store.",
                "Packaged services with Docker.",
            ]),
        ],
        Education: [new EducationEntry("TU Berlin", "BSc Computer Science", "2015")]);

    public const string JobDescription = """
        Senior .NET Backend Engineer
        Requirements: C#, ASP.NET Core, PostgreSQL, Kubernetes.
        Nice to have: Redis, Kafka.
        """;

    /// <summary>A faithful answer: reworded bullets that keep their numbers, skills the candidate has.</summary>
    public static LlmTailoring Good() => new(
        Summary: "Senior Backend Engineer building reliable services with C#, ASP.NET Core and PostgreSQL, most recently at Contoso.",
        Skills: ["ASP.NET Core", "C#", "PostgreSQL", "Redis"],
        Roles:
        [
            new LlmRole(0, "Contoso",
            [
                new LlmBullet(1, "Cut reporting query time by 40% by moving it to PostgreSQL."),
                new LlmBullet(0, "Built an ASP.NET Core payments service that handles 2,000 requests per second."),
            ]),
        ]);

    public static string Json(LlmTailoring answer) => JsonSerializer.Serialize(answer, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    /// <summary>Answers that must be rejected, with a fragment of the note they must leave.</summary>
    public static TheoryData<string, string, string> Rejected()
    {
        var good = Good();
        var contoso = good.Roles[0];
        return new TheoryData<string, string, string>
        {
            { "invented employer", Json(good with { Roles = [contoso with { Company = "Google" }] }), "employer 'Google'" },
            { "invented skill in the list", Json(good with { Skills = ["C#", "Kubernetes"] }), "skill 'Kubernetes'" },
            { "invented skill in a bullet", Json(good with { Roles = [contoso with { Bullets = [new LlmBullet(2, "Mentored 3 junior engineers in Kubernetes.")] }] }), "Kubernetes" },
            { "invented date in the summary", Json(good with { Summary = "Backend engineer since 2009, most recently at Contoso." }), "'2009'" },
            { "invented number in a bullet", Json(good with { Roles = [contoso with { Bullets = [new LlmBullet(2, "Mentored 12 junior engineers.")] }] }), "'12'" },
            { "bullet without a valid source", Json(good with { Roles = [contoso with { Bullets = [new LlmBullet(7, "Built things.")] }] }), "no valid source bullet" },
            { "role index of another employer", Json(good with { Roles = [contoso with { Index = 1 }] }), "not the candidate's role" },
            { "malformed JSON", "{\"summary\": \"Senior engineer\", \"skills\": [", "not the JSON" },
            { "prose instead of JSON", "Sure! Here is a tailored resume for Ada.", "not the JSON" },
            { "missing field", "{\"summary\": \"Senior Backend Engineer.\", \"skills\": [\"C#\"]}", "not the JSON" },
        };
    }
}
