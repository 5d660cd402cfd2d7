using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using DocumentFormat.OpenXml.Validation;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class EndToEndTests(SystemFixture system)
{
    private const string JobDescription = """
        Senior Backend Engineer (Python / PostgreSQL)
        Requirements: 5+ years of Python, PostgreSQL and Redis; experience with Kubernetes and CI/CD.
        Nice to have: Go, Terraform, AWS.
        """;

    [Fact]
    public async Task A_job_goes_from_enqueue_to_a_valid_docx_download()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();

        // The seed client's payload, unchanged.
        var accepted = await user.GenerateAsync(new { candidate_id = candidateId, job_id = "JOB-001", job_description = JobDescription, file_type = "word" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var body = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!;
        var jobId = Guid.Parse(body["job_id"]!.GetValue<string>());
        Assert.Equal("PENDING", body["status"]!.GetValue<string>());

        var seen = await user.WaitForFinalAsync(jobId);
        var statuses = seen.Select(s => s["status"]!.GetValue<string>()).Distinct().ToList();
        Assert.Equal("COMPLETED", statuses[^1]);
        Assert.DoesNotContain("FAILED", statuses);
        // Never backwards: PENDING before PROCESSING before COMPLETED.
        Assert.Equal(statuses.OrderBy(s => s switch { "PENDING" => 0, "PROCESSING" => 1, _ => 2 }), statuses);
        var final = seen[^1];
        Assert.Equal(100, final["progress"]!.GetValue<int>());
        Assert.Equal("JOB-001", final["job_ref"]!.GetValue<string>());
        Assert.Equal(1, final["attempts"]!.GetValue<int>());
        Assert.True(final["match_score"]!.GetValue<int>() > 0);
        Assert.Contains("PostgreSQL", final["matched_keywords"]!.AsArray().Select(k => k!.GetValue<string>()));
        // The job's trace id (from the traceparent recorded at enqueue) is handed out for support.
        var traceParent = await system.QueryAsync(db => db.ResumeJobs.Where(j => j.Id == jobId).Select(j => j.TraceParent).SingleAsync());
        Assert.Matches("^[0-9a-f]{32}$", final["trace_id"]!.GetValue<string>());
        Assert.Equal(traceParent!.Split('-')[1], final["trace_id"]!.GetValue<string>());

        var download = await user.Http.GetAsync($"/api/resume-async/download/{jobId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".docx", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName!.Trim('"'));

        await using var stream = new MemoryStream(await download.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("Ada Lovelace", text);
        Assert.Contains("PostgreSQL", text);

        var myJobs = (await user.Http.GetFromJsonAsync<JsonObject>("/api/resume-async/my-jobs"))!;
        Assert.Equal(1, myJobs["total"]!.GetValue<int>());
        Assert.Equal(jobId.ToString(), myJobs["items"]![0]!["id"]!.GetValue<string>());

        var stranger = await system.NewSession().SignUpAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/resume-async/job-status/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/resume-async/download/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync($"/api/resume-async/job/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/candidates/{candidateId}")).StatusCode);
        var strangersJobs = (await stranger.Http.GetFromJsonAsync<JsonObject>("/api/resume-async/my-jobs"))!;
        Assert.Equal(0, strangersJobs["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("pdf", "modern", "application/pdf", ".pdf")]
    [InlineData("word", "modern", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")]
    [InlineData("pdf", null, "application/pdf", ".pdf")]
    public async Task A_job_can_ask_for_a_file_type_and_a_template(string fileType, string? template, string contentType, string extension)
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var accepted = await user.GenerateAsync(new { candidate_id = candidateId, job_id = "JOB-T", job_description = JobDescription, file_type = fileType, template });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = Guid.Parse((await accepted.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());

        var final = (await user.WaitForFinalAsync(jobId))[^1];
        Assert.Equal("COMPLETED", final["status"]!.GetValue<string>());
        Assert.Equal(template ?? "classic", final["template"]!.GetValue<string>());
        Assert.Equal(fileType, final["file_type"]!.GetValue<string>());

        var download = await user.Http.GetAsync($"/api/resume-async/download/{jobId}");
        Assert.Equal(contentType, download.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(extension, download.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(fileType == "pdf" ? "%PDF"u8.ToArray() : "PK"u8.ToArray(), bytes[..(fileType == "pdf" ? 4 : 2)]);
    }

    [Fact]
    public async Task Status_reads_leave_the_job_description_in_the_database()
    {
        // Polling reads a status every 2 s per user: a 20,000-character description must not ride along.
        var sql = await system.QueryAsync(db => Task.FromResult(db.ResumeJobs.Select(Api.Jobs.JobStatusResponse.Columns).ToQueryString()));

        Assert.DoesNotContain("job_description", sql);
        Assert.Contains("matched_keywords", sql);
    }

    [Fact]
    public async Task Newest_jobs_come_first_and_pages_hold_page_size_items()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var ids = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var response = await user.GenerateAsync(new { candidate_id = candidateId, job_id = $"JOB-{i}", job_description = JobDescription, file_type = "word" });
            ids.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());
        }

        var first = (await user.Http.GetFromJsonAsync<JsonObject>("/api/resume-async/my-jobs?page=1&page_size=2"))!;
        var second = (await user.Http.GetFromJsonAsync<JsonObject>("/api/resume-async/my-jobs?page=2&page_size=2"))!;
        Assert.Equal(3, first["total"]!.GetValue<int>());
        Assert.Equal(2, first["page_size"]!.GetValue<int>());
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Single(second["items"]!.AsArray());
        var listed = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(j => j!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed);
    }

    [Fact]
    public async Task Download_before_completion_is_409_and_cancel_of_a_finished_job_is_409()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var response = await user.GenerateAsync(new { candidate_id = candidateId, job_id = "JOB-409", job_description = JobDescription, file_type = "word" });
        var jobId = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());

        // Cancel at once: the job is PENDING or PROCESSING, so the cancel wins and download stays 409.
        var cancel = await user.Http.DeleteAsync($"/api/resume-async/job/{jobId}");
        if (cancel.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal("CANCELLED", (await user.WaitForFinalAsync(jobId))[^1]["status"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.Conflict, (await user.Http.GetAsync($"/api/resume-async/download/{jobId}")).StatusCode);
        }
        else
        {
            // The worker was faster than the DELETE: the job is final, which is the other half of this test.
            Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await user.Http.DeleteAsync($"/api/resume-async/job/{jobId}")).StatusCode);
    }

    [Fact]
    public async Task Synchronous_generation_returns_the_document_in_the_response()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var response = await user.Http.PostAsJsonAsync("/api/resume/generate",
            new { candidate_id = candidateId, job_id = "JOB-SYNC", job_description = JobDescription, file_type = "word" }, ApiSession.Wire);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        Assert.Contains("Ada Lovelace", document.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public async Task Login_answers_in_the_seed_clients_snake_case_shape()
    {
        var client = system.Api.CreateClient();
        var email = $"shape-{Guid.NewGuid():N}@example.test";
        await client.PostAsJsonAsync("/api/auth/register", new { email, password = "Sup3r-secret!" });
        var login = (await (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Sup3r-secret!" })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Bearer", login["token_type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(login["access_token"]!.GetValue<string>()));
        Assert.True(login["expires_in"]!.GetValue<long>() > 0);
        Assert.False(string.IsNullOrEmpty(login["refresh_token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Healthz_reports_ok_when_postgres_and_redis_answer()
    {
        var response = await system.Api.CreateClient().GetFromJsonAsync<JsonObject>("/api/healthz");
        Assert.Equal("ok", response!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Endpoints_require_a_token()
    {
        var anonymous = system.Api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/resume-async/my-jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/candidates")).StatusCode);
    }
}
