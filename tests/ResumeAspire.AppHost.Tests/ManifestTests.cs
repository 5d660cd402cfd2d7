using System.Text.Json;
using System.Text.RegularExpressions;

namespace ResumeAspire.AppHost.Tests;

/// <summary>Publish mode (the azd manifest) always describes containers, whatever this machine has.</summary>
public sealed partial class ManifestTests
{
    [Fact]
    public async Task Manifest_describes_containers_and_no_plaintext_password()
    {
        var output = Path.Combine(Path.GetTempPath(), $"resumeaspire-manifest-{Guid.NewGuid():N}");
        try
        {
            var manifestPath = Path.Combine(output, "aspire-manifest.json");
            // Local mode requested on purpose: publish mode must ignore it.
            var run = await DotnetRun.AppHostAsync(
                ["--publisher", "manifest", "--output-path", manifestPath, "--Infrastructure:Mode=local"]);
            Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.StandardOutput}{run.StandardError}");

            var text = await File.ReadAllTextAsync(manifestPath);
            using var manifest = JsonDocument.Parse(text);
            var resources = manifest.RootElement.GetProperty("resources");

            Assert.Equal("container.v0", Type(resources, "postgres"));
            Assert.Equal("container.v0", Type(resources, "redis"));
            Assert.Equal("value.v0", Type(resources, "resumedb"));
            Assert.Equal("project.v0", Type(resources, "api"));
            Assert.Equal("project.v0", Type(resources, "worker"));

            // Aspire 13 writes a Dockerfile-built container as container.v1 with a "build" section.
            var web = resources.GetProperty("web");
            Assert.Equal("container.v1", web.GetProperty("type").GetString());
            var dockerfile = web.GetProperty("build").GetProperty("dockerfile").GetString()!;
            Assert.EndsWith("ResumeAspire.Web/Dockerfile", dockerfile.Replace('\\', '/'));
            Assert.True(web.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
            Assert.Equal(80, web.GetProperty("bindings").GetProperty("http").GetProperty("targetPort").GetInt32());
            Assert.Contains("{api.bindings.http.url}", web.GetProperty("env").GetProperty("API_URL").GetString());

            // Api and Worker get their connection strings by reference, never by value.
            foreach (var project in new[] { "api", "worker" })
            {
                var env = resources.GetProperty(project).GetProperty("env");
                Assert.Equal("{resumedb.connectionString}", env.GetProperty("ConnectionStrings__resumedb").GetString());
                Assert.Equal("{redis.connectionString}", env.GetProperty("ConnectionStrings__redis").GetString());
            }

            // Secrets are inputs (generated or prompted by azd), never literal values.
            foreach (var resource in resources.EnumerateObject().Where(r => r.Value.GetProperty("type").GetString() == "parameter.v0"))
            {
                foreach (var input in resource.Value.GetProperty("inputs").EnumerateObject().Where(i => i.Value.TryGetProperty("secret", out var secret) && secret.GetBoolean()))
                {
                    Assert.False(
                        input.Value.TryGetProperty("default", out var @default) && @default.TryGetProperty("value", out _),
                        $"secret input {resource.Name}.{input.Name} has a literal default");
                }
            }

            Assert.DoesNotMatch(LiteralPassword(), text);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static string? Type(JsonElement resources, string name) =>
        resources.TryGetProperty(name, out var resource) ? resource.GetProperty("type").GetString() : $"(no resource {name})";

    // Password=…, password=… or "…PASSWORD": "…" whose value is not a {placeholder}.
    [GeneratedRegex("""(?i)(password=(?!\{)[^;"]+|password"\s*:\s*"(?!\{))""")]
    private static partial Regex LiteralPassword();
}
