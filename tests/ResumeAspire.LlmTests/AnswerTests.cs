using System.Text.Json;
using ResumeAspire.Core.Tailoring;
using ResumeAspire.LlmTests.Infrastructure;

namespace ResumeAspire.LlmTests;

/// <summary>What the tailor does with what the model says.</summary>
[Collection(LlmCollection.Name)]
public sealed class AnswerTests(RedisFixture redis)
{
    [Fact]
    public async Task A_good_answer_is_used_with_the_offline_match_report()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(Samples.Json(Samples.Good())));
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        var resume = await host.TailorAsync(Samples.JobDescription);
        var offline = KeywordTailor.Tailor(Samples.Candidate, "JOB-001", Samples.JobDescription);

        Assert.Null(resume.Note);
        Assert.Equal(Samples.Good().Summary, resume.Summary);
        // The model's order first, then what it left out; never anything the candidate lacks.
        Assert.Equal(["ASP.NET Core", "C#", "PostgreSQL", "Redis", "Docker"], resume.Skills);
        Assert.Equal(
            ["Cut reporting query time by 40% by moving it to PostgreSQL.", "Built an ASP.NET Core payments service that handles 2,000 requests per second."],
            resume.Experience[0].Bullets);
        // Names, titles and dates are the candidate's; a role the model skipped keeps the offline bullets.
        Assert.Equal(("Contoso", "Senior Backend Engineer", "2019", "Present"),
            (resume.Experience[0].Company, resume.Experience[0].Title, resume.Experience[0].StartDate, resume.Experience[0].EndDate));
        Assert.Equal(offline.Experience[1].Bullets, resume.Experience[1].Bullets);
        Assert.Equal(offline.Match.Score, resume.Match.Score);
        Assert.Equal(offline.Match.Matched, resume.Match.Matched);
        Assert.Equal(offline.Match.Missing, resume.Match.Missing);
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(Samples.Rejected), MemberType = typeof(Samples))]
    public async Task An_answer_that_invents_or_is_malformed_falls_back_with_a_note(string scenario, string content, string noteFragment)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(content));
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        var resume = await host.TailorAsync(Samples.JobDescription);
        var offline = KeywordTailor.Tailor(Samples.Candidate, "JOB-001", Samples.JobDescription);

        Assert.NotNull(resume.Note);
        Assert.Contains(noteFragment, resume.Note, StringComparison.Ordinal);
        Assert.Contains("offline tailoring was used", resume.Note, StringComparison.Ordinal);
        Assert.True(SameContent(offline, resume), scenario);
        // A rejected answer is not retried: the model was reached once.
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_broken_http_body_falls_back()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.BrokenBody());
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        var resume = await host.TailorAsync(Samples.JobDescription);

        Assert.NotNull(resume.Note);
        Assert.Contains("was not available", resume.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_asks_for_the_json_schema_with_a_bearer_key_and_no_contact_details()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(Samples.Json(Samples.Good())));
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));

        await host.TailorAsync(Samples.JobDescription);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key", request.Headers["authorization"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("fake-model", body.RootElement.GetProperty("model").GetString());
        var format = body.RootElement.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Contains("source", format.GetProperty("json_schema").GetProperty("schema").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.Candidate.Email!, request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.Candidate.Phone!, request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.Candidate.FullName, request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_gets_the_deployment_on_the_v1_path_and_the_key_in_an_api_key_header()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Answer(Samples.Json(Samples.Good())));
        await using var host = await TailorHost.StartAsync(redis, $"Endpoint={server.Root};Key=azure-key;Deployment=resumes-prod");

        var resume = await host.TailorAsync(Samples.JobDescription);

        Assert.Null(resume.Note);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal("azure-key", request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("authorization"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("resumes-prod", body.RootElement.GetProperty("model").GetString());
    }

    private static bool SameContent(TailoredResume a, TailoredResume b) =>
        a.Summary == b.Summary && a.Skills.SequenceEqual(b.Skills) && a.Experience.Select(e => string.Join('|', e.Bullets)).SequenceEqual(b.Experience.Select(e => string.Join('|', e.Bullets)));
}
