using ResumeAspire.Core.Domain;

namespace ResumeAspire.UnitTests;

internal static class Candidates
{
    public static CandidateProfile BackendEngineer() => new(
        FullName: "Jane Doe",
        Email: "jane.doe@example.com",
        Phone: "+44 20 7946 0000",
        Location: "London, UK",
        Headline: "Senior Software Engineer",
        Summary: "Backend engineer who likes boring, reliable systems. Enjoys mentoring and writing things down.",
        Skills: ["Python", "Docker", "C#/.NET", "React", "PostgreSQL", "Kubernetes", "Umbraco", "Leadership"],
        Experience:
        [
            new ExperienceEntry("Contoso", "Senior Software Engineer", "2020-03", null,
            [
                "Mentored four junior engineers",
                "Built payment APIs in C# and ASP.NET Core serving 2M requests a day",
                "Migrated reporting from SQL Server to PostgreSQL",
                "Organised the team's summer party",
            ]),
            new ExperienceEntry("Fabrikam", "Software Engineer", "2016-06", "2020-02",
            [
                "Maintained a React admin front end",
                "Containerised services with Docker and set up CI/CD in GitHub Actions",
            ]),
        ],
        Education: [new EducationEntry("State University", "BSc Computer Science", "2016")]);
}
