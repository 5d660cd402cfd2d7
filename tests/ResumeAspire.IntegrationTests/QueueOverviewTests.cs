using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResumeAspire.Core.Queue;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

/// <summary>GET /api/me and the admin queue overview, on a system whose every job this class makes.</summary>
[Collection(IsolatedCollection.Name)]
public sealed class QueueOverviewTests(IsolatedFixture system)
{
    [Fact]
    public async Task A_normal_user_is_not_admin_and_gets_403_from_the_overview()
    {
        var user = await system.NewSession().SignUpAsync();

        var me = await user.Http.GetFromJsonAsync<JsonObject>("/api/me");
        Assert.Equal(user.Email, me!["email"]!.GetValue<string>());
        Assert.False(me["is_admin"]!.GetValue<bool>());
        Assert.Null(me["dashboard_url"]);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync("/api/admin/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.NewSession().Http.GetAsync("/api/admin/queue")).StatusCode);
    }

    [Fact]
    public async Task The_overview_counts_what_the_queue_holds_and_how_the_last_hour_went()
    {
        // Configured in upper case: the match ignores case, as email addresses do.
        var admin = await system.NewSession().SignUpAsync(system.AdminEmail);
        var me = await admin.Http.GetFromJsonAsync<JsonObject>("/api/me");
        Assert.True(me!["is_admin"]!.GetValue<bool>());
        Assert.Equal(IsolatedFixture.DashboardUrl, me["dashboard_url"]!.GetValue<string>());

        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        // Other tests of this system have run jobs too: this test counts from here.
        var before = await WaitForOverviewAsync(admin, o => o["jobs"]!["pending"]!.GetValue<int>() == 0 && o["jobs"]!["processing"]!.GetValue<int>() == 0);

        // Two completed, one of them repeated (a cache hit), one permanent failure, one cancelled.
        const string description = "Site reliability engineer: Kubernetes, Terraform, PostgreSQL, on-call.";
        var first = await EnqueueAsync(user, JobRequests.Body(candidateId, JobRequests.NewRef(), description: description));
        Assert.Equal("COMPLETED", (await user.WaitForFinalAsync(first))[^1].Status());
        var hit = await EnqueueAsync(user, JobRequests.Body(candidateId, JobRequests.NewRef(), description: description));
        Assert.True((await user.StatusAsync(hit))["cached"]!.GetValue<bool>());
        var second = await user.EnqueueAsync(candidateId, JobRequests.NewRef());
        Assert.Equal("COMPLETED", (await user.WaitForFinalAsync(second))[^1].Status());
        var failed = await user.EnqueueAsync(candidateId, JobRequests.NewRef(), "[[permanent]]");
        Assert.Equal("FAILED", (await user.WaitForFinalAsync(failed))[^1].Status());

        // One job held inside the worker: delivered, unacknowledged, PROCESSING, in flight.
        var blockedRef = JobRequests.NewRef();
        var blocked = await user.EnqueueAsync(candidateId, blockedRef, "[[block]]");
        await system.WaitUntilStartedAsync(blockedRef);
        var busy = await WaitForOverviewAsync(admin, o => o["consumers"]!.AsArray().Any(c => c!["in_flight"]?.GetValue<int>() == 1));

        Assert.Equal(1, busy["jobs"]!["processing"]!.GetValue<int>());
        Assert.Equal(0, busy["jobs"]!["pending"]!.GetValue<int>());
        Assert.Equal(before["stream"]!["pending"]!.GetValue<long>() + 1, busy["stream"]!["pending"]!.GetValue<long>());
        Assert.Equal(QueueNames.Stream, busy["stream"]!["name"]!.GetValue<string>());
        Assert.Equal(await system.StreamLengthAsync(), busy["stream"]!["length"]!.GetValue<long>());
        // Acknowledged entries are deleted: only the held job's entry is left on the stream.
        Assert.Equal(1, busy["stream"]!["length"]!.GetValue<long>());
        var consumer = Assert.Single(busy["consumers"]!.AsArray())!;
        Assert.Equal(1, consumer["pending"]!.GetValue<long>());
        Assert.True(consumer["idle_ms"]!.GetValue<long>() >= 0);
        Assert.True(DateTimeOffset.UtcNow - consumer["last_seen"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(1));
        Assert.Equal(IsolatedFixture.DashboardUrl, busy["dashboard_url"]!.GetValue<string>());

        var cancel = await user.Http.DeleteAsync($"/api/resume-async/job/{blocked}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("CANCELLED", (await user.WaitForFinalAsync(blocked))[^1].Status());

        var after = await WaitForOverviewAsync(admin, o => o["stream"]!["pending"]!.GetValue<long>() == before["stream"]!["pending"]!.GetValue<long>());
        int Added(string count) => after["last_hour"]![count]!.GetValue<int>() - before["last_hour"]![count]!.GetValue<int>();
        Assert.Equal(3, Added("completed"));
        Assert.Equal(1, Added("cached"));
        Assert.Equal(1, Added("failed"));
        Assert.Equal(1, Added("cancelled"));
        var lastHour = after["last_hour"]!;
        int Total(string count) => lastHour[count]!.GetValue<int>();
        Assert.Equal((double)Total("cached") / Total("completed"), lastHour["cache_hit_rate"]!.GetValue<double>(), 6);
        Assert.Equal((double)Total("failed") / (Total("completed") + Total("failed")), lastHour["failure_rate"]!.GetValue<double>(), 6);
        Assert.Equal(0, after["jobs"]!["processing"]!.GetValue<int>());
    }

    private static async Task<Guid> EnqueueAsync(ApiSession user, object body)
    {
        var response = await user.GenerateAsync(body);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());
    }

    /// <summary>Worker statuses arrive every few seconds and acks a moment after the final update: poll.</summary>
    private static async Task<JsonObject> WaitForOverviewAsync(ApiSession admin, Func<JsonObject, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonObject? overview = null;
        while (DateTime.UtcNow < deadline)
        {
            overview = await admin.Http.GetFromJsonAsync<JsonObject>("/api/admin/queue");
            if (until(overview!))
            {
                return overview!;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The overview never matched: {overview?.ToJsonString()}");
    }
}
