using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ResumeAspire.Api.Jobs;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

/// <summary>Enqueues beyond Limits:MaxConcurrentEnqueues wait for a slot, in arrival order, or are refused with 503 once the queue is full.</summary>
[Collection(SystemCollection.Name)]
public sealed class EnqueueAdmissionTests(SystemFixture system)
{
    [Fact]
    public async Task With_every_slot_taken_and_no_room_to_wait_an_enqueue_is_503_with_retry_after_and_changes_nothing()
    {
        await using var api = OneSlot(queueLimit: 0);
        var (user, candidateId, admission) = await UserOfAsync(api);

        using (var slot = await admission.AcquireAsync(CancellationToken.None))
        {
            Assert.True(slot.IsAcquired);
            var refused = await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef()));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.Equal(0, await JobCountAsync(user));

            // Other endpoints do not wait for enqueue slots.
            Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/api/resume-async/my-jobs")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef()))).StatusCode);
        Assert.Equal(1, await JobCountAsync(user));
    }

    [Fact]
    public async Task Waiting_enqueues_are_accepted_in_arrival_order_once_a_slot_frees()
    {
        await using var api = OneSlot(queueLimit: 10);
        var (user, candidateId, admission) = await UserOfAsync(api);

        var slot = await admission.AcquireAsync(CancellationToken.None);
        Assert.True(slot.IsAcquired);
        var first = user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef("FIRST")));
        await WaitUntilAsync(() => admission.Waiting == 1);
        var second = user.GenerateAsync(JobRequests.Body(candidateId, JobRequests.NewRef("SECOND")));
        await WaitUntilAsync(() => admission.Waiting == 2);

        Assert.False(first.IsCompleted, "an enqueue ran although every slot was taken");
        Assert.Equal(0, await JobCountAsync(user));
        slot.Dispose();

        var firstJob = await AcceptedAsync(await first);
        var secondJob = await AcceptedAsync(await second);
        Assert.True(firstJob.CreatedAt <= secondJob.CreatedAt, $"first created {firstJob.CreatedAt:O}, second {secondJob.CreatedAt:O}");
        Assert.Equal(0, admission.Waiting);
        Assert.Equal(2, await JobCountAsync(user));
    }

    /// <summary>An Api with one enqueue slot and room for <paramref name="queueLimit"/> waiting enqueues.</summary>
    private WebApplicationFactory<JobEnqueuer> OneSlot(int queueLimit) => system.Api.WithWebHostBuilder(b => b
        .UseSetting("Limits:MaxConcurrentEnqueues", "1")
        .UseSetting("Limits:EnqueueQueueLimit", queueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<(ApiSession User, Guid CandidateId, EnqueueAdmission Admission)> UserOfAsync(WebApplicationFactory<JobEnqueuer> api)
    {
        var user = await new ApiSession(api.CreateClient()).SignUpAsync();
        return (user, await user.CreateCandidateAsync(), api.Services.GetRequiredService<EnqueueAdmission>());
    }

    private static async Task<(Guid Id, DateTimeOffset CreatedAt)> AcceptedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (Guid.Parse(body["job_id"]!.GetValue<string>()), DateTimeOffset.Parse(body["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<int> JobCountAsync(ApiSession user)
    {
        var page = await user.Http.GetFromJsonAsync<JsonObject>("/api/resume-async/my-jobs");
        return page!["total"]!.GetValue<int>();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(10);
        }
    }
}
