using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class IdempotencyAndCacheTests(SystemFixture system)
{
    [Fact]
    public async Task Replaying_an_idempotency_key_returns_the_original_job_and_another_body_is_422()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var key = Guid.NewGuid().ToString();
        var body = JobRequests.Body(candidateId, "JOB-IDEM");

        var first = await PostWithKeyAsync(user, key, body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var jobId = (await first.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>();

        var replay = await PostWithKeyAsync(user, key, body);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(jobId, (await replay.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());

        var other = await PostWithKeyAsync(user, key, JobRequests.Body(candidateId, "JOB-IDEM", description: "A different job entirely"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);

        Assert.Equal(1, await CountJobsAsync(user));
    }

    [Fact]
    public async Task Ten_concurrent_replays_of_one_key_create_one_job()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var key = Guid.NewGuid().ToString();
        var body = JobRequests.Body(candidateId, "JOB-RACE");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostWithKeyAsync(user, key, body)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, r.StatusCode.ToString()));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await CountJobsAsync(user));
    }

    [Fact]
    public async Task The_same_request_within_the_ttl_is_served_from_the_cache_and_an_edit_or_expiry_ends_that()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var description = $"Data engineer {Guid.NewGuid():N}: Python, Spark, Airflow and PostgreSQL.";

        var firstId = await EnqueueAsync(user, candidateId, description);
        var first = (await user.WaitForFinalAsync(firstId))[^1];
        Assert.Equal("COMPLETED", first.Status());
        Assert.False(first["cached"]!.GetValue<bool>());

        // Hit: answered COMPLETED at once, sharing the document.
        var hit = await user.GenerateAsync(JobRequests.Body(candidateId, "JOB-CACHE", description: description));
        var hitBody = (await hit.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("COMPLETED", hitBody["status"]!.GetValue<string>());
        Assert.True(hitBody["cached"]!.GetValue<bool>());
        var hitId = Guid.Parse(hitBody["job_id"]!.GetValue<string>());
        Assert.Equal(first.Int("match_score"), (await user.StatusAsync(hitId)).Int("match_score"));
        var original = await user.Http.GetByteArrayAsync($"/api/resume-async/download/{firstId}");
        var shared = await user.Http.GetByteArrayAsync($"/api/resume-async/download/{hitId}");
        Assert.Equal(original, shared);
        var documentIds = await system.QueryAsync(db => db.ResumeJobs.Where(j => j.Id == firstId || j.Id == hitId).Select(j => j.DocumentId).Distinct().CountAsync());
        Assert.Equal(1, documentIds);

        // Editing the candidate changes its version: the next request is generated afresh.
        var edit = await user.Http.PutAsJsonAsync($"/api/candidates/{candidateId}", ApiSession.SampleCandidate("Ada Byron"), ApiSession.Wire);
        edit.EnsureSuccessStatusCode();
        var afterEdit = (await user.WaitForFinalAsync(await EnqueueAsync(user, candidateId, description)))[^1];
        Assert.False(afterEdit["cached"]!.GetValue<bool>());

        // Expiry: after the TTL the same request is generated again.
        var fresh = (await user.WaitForFinalAsync(await EnqueueAsync(user, candidateId, description)))[^1];
        Assert.True(fresh["cached"]!.GetValue<bool>());
        await Task.Delay(SystemFixture.CacheTtl + TimeSpan.FromSeconds(1));
        var expired = (await user.WaitForFinalAsync(await EnqueueAsync(user, candidateId, description)))[^1];
        Assert.False(expired["cached"]!.GetValue<bool>());
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(ApiSession user, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/resume-async/generate-async")
        {
            Content = JsonContent.Create(body, options: ApiSession.Wire),
        };
        request.Headers.Add("Idempotency-Key", key);
        return user.Http.SendAsync(request);
    }

    private static async Task<Guid> EnqueueAsync(ApiSession user, Guid candidateId, string description)
    {
        var response = await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef(), description: description));
        response.EnsureSuccessStatusCode();
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());
    }

    private Task<int> CountJobsAsync(ApiSession user) =>
        system.QueryAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == user.Email).Select(u => u.Id).SingleAsync();
            return await db.ResumeJobs.CountAsync(j => j.OwnerId == userId);
        });
}
