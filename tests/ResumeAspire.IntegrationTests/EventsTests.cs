using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

/// <summary>GET /api/resume-async/events: the caller's progress as server-sent events, and no one else's.</summary>
[Collection(SystemCollection.Name)]
public sealed class EventsTests(SystemFixture system)
{
    [Fact]
    public async Task The_stream_opens_with_ready_then_carries_the_callers_progress_up_to_completed_and_nothing_of_others()
    {
        var user = await system.NewSession().SignUpAsync();
        var other = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var otherCandidate = await other.CreateCandidateAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resume-async/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await user.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var reader = new StreamReader(body);

        // Sent before anything happens, so a client knows at once that the stream is live.
        Assert.Equal("ready", (await NextEventAsync(reader, timeout.Token)).Type);

        var othersJob = await other.EnqueueAsync(otherCandidate, JobRequests.NewRef());
        Assert.Equal("COMPLETED", (await other.WaitForFinalAsync(othersJob))[^1].Status());
        var jobId = await user.EnqueueAsync(candidateId, JobRequests.NewRef());

        var seen = new List<JsonObject>();
        while (seen.LastOrDefault()?["status"]?.GetValue<string>() != "COMPLETED")
        {
            var (type, data) = await NextEventAsync(reader, timeout.Token);
            if (type == "progress")
            {
                seen.Add(JsonNode.Parse(data)!.AsObject());
            }
        }

        Assert.All(seen, e => Assert.Equal(jobId.ToString(), e["job_id"]!.GetValue<string>()));
        Assert.Equal("PROCESSING", seen[0]["status"]!.GetValue<string>());
        Assert.Equal(100, seen[^1]["progress"]!.GetValue<int>());
        var progress = seen.Select(e => e["progress"]!.GetValue<int>()).ToList();
        Assert.Equal(progress.Order(), progress);
    }

    /// <summary>Reads one event: <c>event:</c> and <c>data:</c> lines up to the blank line that ends it.</summary>
    private static async Task<(string Type, string Data)> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        string? type = null;
        var data = "";
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            // ready and ping carry no data: the event line alone makes an event.
            if (line.Length == 0 && (type is not null || data.Length > 0))
            {
                return (type ?? "message", data);
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data += line["data:".Length..].Trim();
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }
}
