using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class RateLimitTests(SystemFixture system)
{
    [Fact]
    public async Task Over_the_per_user_enqueue_limit_is_429_with_retry_after_and_other_users_are_unaffected()
    {
        await using var api = system.Api.WithWebHostBuilder(b => b.UseSetting("Limits:EnqueuePermits", "2"));
        var user = await new ApiSession(api.CreateClient()).SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef()))).StatusCode);
        }

        var limited = await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef()));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must be set");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);

        var other = await new ApiSession(api.CreateClient()).SignUpAsync();
        var otherCandidate = await other.CreateCandidateAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await other.GenerateAsync(JobRequests.Body(otherCandidate, JobRequests.NewRef()))).StatusCode);
    }

    [Fact]
    public async Task Synchronous_generation_has_its_own_per_user_limit()
    {
        await using var api = system.Api.WithWebHostBuilder(b => b.UseSetting("Limits:SyncPermits", "1"));
        var user = await new ApiSession(api.CreateClient()).SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();

        var body = JobRequests.Body(candidateId, "JOB-SYNC");
        Assert.Equal(HttpStatusCode.OK, (await user.Http.PostAsJsonAsync("/api/resume/generate", body, ApiSession.Wire)).StatusCode);
        var limited = await user.Http.PostAsJsonAsync("/api/resume/generate", body, ApiSession.Wire);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Over_the_in_flight_cap_is_429_until_a_job_finishes()
    {
        await using var api = system.Api.WithWebHostBuilder(b => b.UseSetting("Limits:MaxInFlightPerUser", "1"));
        var user = await new ApiSession(api.CreateClient()).SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var blocker = JobRequests.NewRef("BLOCK");
        var blockedId = await user.EnqueueAsync(candidateId, blocker, "[[block]]");

        var refused = await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef()));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("pending or processing", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());

        await system.ReleaseAsync(blocker);
        await user.WaitForFinalAsync(blockedId);
        Assert.Equal(HttpStatusCode.Accepted, (await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef()))).StatusCode);
    }
}
