using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ResumeAspire.IntegrationTests.Infrastructure;

internal static class JobRequests
{
    public const string Description = "Backend engineer: Python, PostgreSQL and Redis required; Kubernetes a plus.";

    /// <summary>A unique job reference, so the scripted tailor's Redis keys never collide between tests.</summary>
    public static string NewRef(string prefix = "JOB") => $"{prefix}-{Guid.NewGuid():N}"[..24];

    public static object Body(Guid candidateId, string jobRef, string? directives = null, string? description = null) => new
    {
        candidate_id = candidateId,
        job_id = jobRef,
        // The reference makes every default description unique, so no test is served from the result cache by accident.
        job_description = $"{description ?? $"{Description} Ref {jobRef}."} {directives}".Trim(),
        file_type = "word",
    };

    public static async Task<Guid> EnqueueAsync(this ApiSession user, Guid candidateId, string jobRef, string? directives = null)
    {
        var response = await user.GenerateAsync(Body(candidateId, jobRef, directives));
        response.EnsureSuccessStatusCode();
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());
    }

    public static string Status(this JsonObject job) => job["status"]!.GetValue<string>();

    public static int Int(this JsonObject job, string field) => job[field]!.GetValue<int>();
}
