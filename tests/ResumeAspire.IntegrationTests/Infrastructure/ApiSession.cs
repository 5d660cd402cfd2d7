using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>One user's conversation with the Api, speaking the wire format (snake_case JSON) as a client would.</summary>
public sealed class ApiSession(HttpClient http)
{
    public static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public HttpClient Http { get; } = http;

    public string Email { get; private set; } = "";

    public async Task<ApiSession> SignUpAsync(string? email = null)
    {
        Email = email ?? $"user-{Guid.NewGuid():N}@example.test";
        const string password = "Sup3r-secret!";
        var register = await Http.PostAsJsonAsync("/api/auth/register", new { email = Email, password });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);

        var login = await Http.PostAsJsonAsync("/api/auth/login", new { email = Email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = await login.Content.ReadFromJsonAsync<JsonObject>();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!["access_token"]!.GetValue<string>());
        return this;
    }

    public static object SampleCandidate(string name = "Ada Lovelace") => new
    {
        full_name = name,
        email = "ada@example.test",
        phone = "+44 20 7946 0000",
        location = "London",
        headline = "Senior Backend Engineer",
        summary = "Backend engineer building reliable distributed systems.",
        skills = new[] { "Python", "C#", "PostgreSQL", "Redis", "Docker", "Kubernetes", "React" },
        experience = new[]
        {
            new
            {
                company = "Analytical Engines Ltd",
                title = "Senior Backend Engineer",
                start_date = "2019-01",
                end_date = "Present",
                bullets = new[]
                {
                    "Designed a job queue on Redis Streams processing 2M jobs a day",
                    "Migrated services from Python to C# and .NET, cutting p99 latency by 40%",
                    "Ran PostgreSQL schema migrations with zero downtime",
                },
            },
        },
        education = new[] { new { school = "University of London", degree = "BSc Mathematics", year = "2012" } },
    };

    public async Task<Guid> CreateCandidateAsync(object? candidate = null)
    {
        var response = await Http.PostAsJsonAsync("/api/candidates", candidate ?? SampleCandidate(), Wire);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return Guid.Parse(body!["id"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> GenerateAsync(object body) =>
        Http.PostAsJsonAsync("/api/resume-async/generate-async", body, Wire);

    public async Task<JsonObject> StatusAsync(Guid jobId)
    {
        var response = await Http.GetAsync($"/api/resume-async/job-status/{jobId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls like the web app does, recording every status seen, until a final one.</summary>
    public async Task<List<JsonObject>> WaitForFinalAsync(Guid jobId, TimeSpan? timeout = null)
    {
        var seen = new List<JsonObject>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            var status = await StatusAsync(jobId);
            seen.Add(status);
            if (status["status"]!.GetValue<string>() is "COMPLETED" or "FAILED" or "CANCELLED")
            {
                return seen;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Job {jobId} did not finish: last status {seen.LastOrDefault()?.ToJsonString()}");
    }
}
