using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.UnitTests;

public class KeywordTailorTests
{
    private readonly CandidateProfile candidate = Candidates.BackendEngineer();

    private Task<TailoredResume> Tailor(string jobDescription) =>
        new KeywordTailor().TailorAsync(candidate, "JOB-001", jobDescription, CancellationToken.None);

    [Fact]
    public async Task Puts_matching_skills_first_in_the_jobs_order_then_the_rest_as_given()
    {
        var resume = await Tailor(JobDescriptions.BackendDotNet);

        // .NET and C# lead the posting; PostgreSQL is required, Docker required, Kubernetes a nice-to-have.
        Assert.Equal(["C#/.NET", "PostgreSQL", "Docker", "Kubernetes", "Python", "React", "Umbraco", "Leadership"], resume.Skills);
    }

    [Fact]
    public async Task Orders_bullets_by_relevance_and_keeps_every_bullet()
    {
        var resume = await Tailor(JobDescriptions.BackendDotNet);

        Assert.Equal(
        [
            "Built payment APIs in C# and ASP.NET Core serving 2M requests a day",
            "Migrated reporting from SQL Server to PostgreSQL",
            "Mentored four junior engineers",
            "Organised the team's summer party",
        ], resume.Experience[0].Bullets);
        Assert.Equal(
        [
            "Containerised services with Docker and set up CI/CD in GitHub Actions",
            "Maintained a React admin front end",
        ], resume.Experience[1].Bullets);
        Assert.Equal(candidate.Experience.Select(e => (e.Company, e.Title, e.StartDate, e.EndDate)),
            resume.Experience.Select(e => (e.Company, e.Title, e.StartDate, e.EndDate)));
    }

    [Fact]
    public async Task Reports_matched_and_missing_keywords_with_display_names()
    {
        var resume = await Tailor(JobDescriptions.BackendDotNet);

        Assert.Equal([".NET", "C#", "SQL", "PostgreSQL", "SQL Server", "Docker", "CI/CD", "APIs", "ASP.NET Core", "Kubernetes"], resume.Match.Matched);
        Assert.Contains("Apache Kafka", resume.Match.Missing);
        Assert.Contains("Unit Testing", resume.Match.Missing);
        Assert.Contains("REST", resume.Match.Missing);
        Assert.Empty(resume.Match.Matched.Intersect(resume.Match.Missing));
        Assert.Equal(
            KeywordTailor.ExtractKeywords(JobDescriptions.BackendDotNet).Select(k => k.Name).Order(StringComparer.Ordinal),
            resume.Match.Matched.Concat(resume.Match.Missing).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scores_the_weighted_share_of_keywords_covered()
    {
        var backend = await Tailor(JobDescriptions.BackendDotNet);
        var nursing = await Tailor(JobDescriptions.Nursing);

        Assert.InRange(backend.Match.Score, 50, 75);
        Assert.InRange(nursing.Match.Score, 0, 10);
    }

    [Fact]
    public async Task Scores_100_when_every_keyword_is_covered_and_0_when_there_are_none()
    {
        var full = await Tailor("Requirements: C#, PostgreSQL, Docker.");
        var none = await Tailor("We are a friendly company.");

        Assert.Equal(100, full.Match.Score);
        Assert.Equal(0, none.Match.Score);
        Assert.Empty(none.Match.Matched);
        Assert.Empty(none.Match.Missing);
    }

    [Fact]
    public async Task Matches_a_candidate_skill_the_lexicon_does_not_know()
    {
        var resume = await Tailor("Requirements:\n- Umbraco CMS experience\n- Go");

        Assert.Contains("Umbraco", resume.Match.Matched);
        Assert.Equal("Umbraco", resume.Skills[0]);
        Assert.Equal(["Go"], resume.Match.Missing);
    }

    [Fact]
    public async Task Gives_the_same_resume_for_the_same_input()
    {
        var first = await Tailor(JobDescriptions.BackendDotNet);
        var second = await Tailor(JobDescriptions.BackendDotNet);

        Assert.Equal(first.Summary, second.Summary);
        Assert.Equal(first.Skills, second.Skills);
        Assert.Equal(first.Experience.SelectMany(e => e.Bullets), second.Experience.SelectMany(e => e.Bullets));
        Assert.Equal(first.Match.Score, second.Match.Score);
        Assert.Equal(first.Match.Matched, second.Match.Matched);
        Assert.Equal(first.Match.Missing, second.Match.Missing);
    }

    [Theory]
    [MemberData(nameof(KeywordExtractionTests.Postings), MemberType = typeof(KeywordExtractionTests))]
    public async Task Never_invents_a_skill_or_a_bullet(string posting, string jobDescription, string[] expected)
    {
        _ = (posting, expected);
        var resume = await Tailor(jobDescription);

        Assert.Equal(candidate.Skills.Order(StringComparer.Ordinal), resume.Skills.Order(StringComparer.Ordinal));
        Assert.Equal(candidate.Experience.SelectMany(e => e.Bullets).Order(StringComparer.Ordinal),
            resume.Experience.SelectMany(e => e.Bullets).Order(StringComparer.Ordinal));
        Assert.Equal(candidate.Education, resume.Education);
        Assert.Same(candidate, resume.Candidate);
        Assert.Equal("JOB-001", resume.JobRef);
    }

    [Theory]
    [MemberData(nameof(KeywordExtractionTests.Postings), MemberType = typeof(KeywordExtractionTests))]
    public async Task Writes_a_summary_from_the_candidates_own_facts(string posting, string jobDescription, string[] expected)
    {
        _ = (posting, expected);
        var resume = await Tailor(jobDescription);

        var sentences = resume.Summary.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(sentences.Length, 2, 3);
        Assert.StartsWith("Senior Software Engineer with experience since 2016 across 2 roles, most recently at Contoso.", resume.Summary);
        Assert.EndsWith("Backend engineer who likes boring, reliable systems.", resume.Summary);

        // Every skill the summary names is one the candidate shows; none is a missing keyword.
        var facts = string.Join("\n", candidate.Skills.Concat(candidate.Experience.SelectMany(e => e.Bullets.Append(e.Title))).Append(candidate.Headline).Append(candidate.Summary));
        var factSkills = KeywordTailor.ExtractKeywords(facts).Select(k => k.Name).ToHashSet();
        var impliedBySkills = resume.Match.Matched.ToHashSet();
        Assert.All(KeywordTailor.ExtractKeywords(resume.Summary), k => Assert.True(factSkills.Contains(k.Name) || impliedBySkills.Contains(k.Name), k.Name));
        Assert.All(resume.Match.Missing, m => Assert.DoesNotContain(m, KeywordTailor.ExtractKeywords(resume.Summary).Select(k => k.Name)));
    }

    [Fact]
    public async Task Names_the_top_matched_skills_in_the_summary()
    {
        var resume = await Tailor(JobDescriptions.BackendDotNet);

        Assert.Contains("Skills relevant to this role include .NET, C#, SQL, PostgreSQL and SQL Server.", resume.Summary);
    }

    [Fact]
    public async Task Writes_a_summary_for_a_thin_profile()
    {
        var thin = new CandidateProfile("Sam Lee", null, null, null, null, null, ["Excel"], [], []);

        var resume = await new KeywordTailor().TailorAsync(thin, "J", "Requirements: Advanced Excel.", CancellationToken.None);

        Assert.Equal("Skills relevant to this role include Excel.", resume.Summary);
        Assert.Equal(100, resume.Match.Score);
    }

    [Fact]
    public async Task Takes_the_latest_role_by_its_start_year_whatever_the_list_order()
    {
        var profile = candidate with
        {
            Headline = "Backend Engineer",
            Summary = null,
            Experience = [.. candidate.Experience.Reverse()],
        };

        var resume = await new KeywordTailor().TailorAsync(profile, "J", "Nothing relevant.", CancellationToken.None);

        Assert.Equal("Backend Engineer with experience since 2016 across 2 roles, most recently Senior Software Engineer at Contoso.", resume.Summary);
    }

    [Fact]
    public async Task Throws_when_cancelled_before_starting()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new KeywordTailor().TailorAsync(candidate, "JOB-001", JobDescriptions.BackendDotNet, cancelled.Token));
    }
}
