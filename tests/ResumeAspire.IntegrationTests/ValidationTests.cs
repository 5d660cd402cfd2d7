using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class ValidationTests(SystemFixture system)
{
    public static TheoryData<string, string> BadGenerateBodies => new()
    {
        // body (with {candidate} standing for the caller's own candidate id), expected field
        { """{"candidate_id":"{candidate}","job_id":"JOB-001","job_description":"","file_type":"word"}""", "job_description" },
        { """{"candidate_id":"{candidate}","job_id":"JOB-001","job_description":"   \n ","file_type":"word"}""", "job_description" },
        { """{"candidate_id":"{candidate}","job_id":"JOB-001","job_description":"{long}","file_type":"word"}""", "job_description" },
        { """{"candidate_id":"{candidate}","job_id":"JOB-001","job_description":"Python developer","file_type":"pdfx"}""", "file_type" },
        { """{"candidate_id":"{unknown}","job_id":"JOB-001","job_description":"Python developer","file_type":"word"}""", "candidate_id" },
        { """{"candidate_id":"{foreign}","job_id":"JOB-001","job_description":"Python developer","file_type":"word"}""", "candidate_id" },
        { """{"candidate_id":"not-a-guid","job_id":"JOB-001","job_description":"Python developer","file_type":"word"}""", "candidate_id" },
        { """{"candidate_id":"{candidate}","job_description":"Python developer","file_type":"word"}""", "job_id" },
        { """{"candidate_id":"{candidate}","job_id":"JOB-001","job_description":"Python developer","file_type":7}""", "file_type" },
        { """{"candidate_id":"{candidate}","job_id":"JOB-001","job_description":"Python dev""", "body" },
        { """not json at all""", "body" },
        { """{"candidate_id":"{candidate}","job_id":"JOB-001","job_description":"Python developer","file_type":"word","template":"baroque"}""", "template" },
    };

    [Theory]
    [MemberData(nameof(BadGenerateBodies))]
    public async Task Bad_generate_input_is_a_400_naming_the_field_and_changes_nothing(string template, string field)
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var stranger = await system.NewSession().SignUpAsync();
        var foreignCandidateId = await stranger.CreateCandidateAsync();
        var body = template
            .Replace("{candidate}", candidateId.ToString(), StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{foreign}", foreignCandidateId.ToString(), StringComparison.Ordinal)
            .Replace("{long}", new string('x', 20_001), StringComparison.Ordinal);
        var lastEntryBefore = await system.LastStreamEntryIdAsync();

        foreach (var path in new[] { "/api/resume-async/generate-async", "/api/resume/generate" })
        {
            var response = await user.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            var errors = problem["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(field), $"{path}: expected an error for '{field}', got {problem.ToJsonString()}");
            Assert.False(string.IsNullOrWhiteSpace(errors[field]![0]!.GetValue<string>()));
        }

        var userId = await system.QueryAsync(db => db.Users.Where(u => u.Email == user.Email).Select(u => u.Id).SingleAsync());
        Assert.Equal(0, await system.QueryAsync(db => db.ResumeJobs.CountAsync(j => j.OwnerId == userId)));
        Assert.Equal(lastEntryBefore, await system.LastStreamEntryIdAsync());
    }

    [Fact]
    public async Task A_job_description_of_exactly_the_limit_is_accepted()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var response = await user.GenerateAsync(new { candidate_id = candidateId, job_id = "JOB-MAX", job_description = new string('y', 20_000), file_type = "word" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Bad_candidate_input_is_a_400_naming_the_fields_and_stores_nothing()
    {
        var user = await system.NewSession().SignUpAsync();
        var response = await user.Http.PostAsJsonAsync("/api/candidates", new
        {
            full_name = "",
            email = "not-an-email",
            skills = new[] { "C#", "" },
            experience = new[] { new { company = "Acme", title = "", bullets = new[] { "Did things" } } },
        }, ApiSession.Wire);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("full_name"));
        Assert.True(errors.ContainsKey("email"));
        Assert.True(errors.ContainsKey("skills[1]"));
        Assert.True(errors.ContainsKey("experience[0].title"));
        var list = await user.Http.GetFromJsonAsync<JsonArray>("/api/candidates");
        Assert.Empty(list!);
    }

    [Fact]
    public async Task Editing_a_candidate_bumps_its_version()
    {
        var user = await system.NewSession().SignUpAsync();
        var id = await user.CreateCandidateAsync();
        var put = await user.Http.PutAsJsonAsync($"/api/candidates/{id}", ApiSession.SampleCandidate("Ada King"), ApiSession.Wire);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Ada King", body["full_name"]!.GetValue<string>());
        Assert.Equal(2, body["version"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.DeleteAsync($"/api/candidates/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Http.GetAsync($"/api/candidates/{id}")).StatusCode);
    }
}
