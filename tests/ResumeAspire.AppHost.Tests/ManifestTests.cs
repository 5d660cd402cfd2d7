using System.Text.Json;
using System.Text.RegularExpressions;

namespace ResumeAspire.AppHost.Tests;

/// <summary>
/// Publish mode (the azd manifest, docs/deploy.md) always describes containers, whatever this
/// machine has, and carries references to secrets, never their values.
/// </summary>
public sealed partial class ManifestTests(ManifestTests.PublishedManifest published) : IClassFixture<ManifestTests.PublishedManifest>
{
    private JsonElement Resources => published.Resources;

    [Fact]
    public void Manifest_describes_containers_and_no_plaintext_password()
    {
        Assert.Equal("container.v0", Type("postgres"));
        Assert.Equal("container.v0", Type("redis"));
        Assert.Equal("value.v0", Type("resumedb"));
        Assert.Equal("project.v0", Type("api"));
        Assert.Equal("project.v0", Type("worker"));
        Assert.Equal("{postgres.connectionString};Database=resumedb", Resource("resumedb").GetProperty("connectionString").GetString());
        Assert.EndsWith("ResumeAspire.Api/ResumeAspire.Api.csproj", Resource("api").GetProperty("path").GetString()!.Replace('\\', '/'));
        Assert.EndsWith("ResumeAspire.Worker/ResumeAspire.Worker.csproj", Resource("worker").GetProperty("path").GetString()!.Replace('\\', '/'));

        // Aspire 13 writes a Dockerfile-built container as container.v1 with a "build" section.
        var web = Resource("web");
        Assert.Equal("container.v1", web.GetProperty("type").GetString());
        var dockerfile = web.GetProperty("build").GetProperty("dockerfile").GetString()!;
        Assert.EndsWith("ResumeAspire.Web/Dockerfile", dockerfile.Replace('\\', '/'));

        Assert.DoesNotMatch(LiteralPassword(), published.Text);
    }

    [Fact]
    public void Bindings_expose_the_web_app_and_the_api_and_keep_the_rest_internal()
    {
        AssertBinding("postgres", "tcp", scheme: "tcp", targetPort: 5432, external: false);
        AssertBinding("redis", "tcp", scheme: "redis", targetPort: 6379, external: false);
        AssertBinding("web", "http", scheme: "http", targetPort: 80, external: true);

        // Old clients call the Api directly: external, behind the platform's TLS-terminating ingress.
        AssertBinding("api", "http", scheme: "http", targetPort: null, external: true);
        AssertBinding("api", "https", scheme: "https", targetPort: null, external: true);

        // The worker serves health probes only.
        AssertBinding("worker", "http", scheme: "http", targetPort: null, external: false);
        foreach (var binding in Resource("worker").GetProperty("bindings").EnumerateObject())
        {
            Assert.False(IsExternal(binding.Value), $"worker binding {binding.Name} is external");
        }

        // The external Api redirects plain HTTP to HTTPS, so nginx proxies to its https address.
        Assert.Equal("{api.bindings.https.url}", Resource("web").GetProperty("env").GetProperty("API_URL").GetString());
    }

    [Fact]
    public void Api_and_worker_get_connection_strings_by_reference()
    {
        foreach (var project in new[] { "api", "worker" })
        {
            var env = Resource(project).GetProperty("env");
            Assert.Equal("{resumedb.connectionString}", env.GetProperty("ConnectionStrings__resumedb").GetString());
            Assert.Equal("{redis.connectionString}", env.GetProperty("ConnectionStrings__redis").GetString());
            Assert.Equal("{openai.connectionString}", env.GetProperty("ConnectionStrings__openai").GetString());
            Assert.Equal($"{{{project}.bindings.http.targetPort}}", env.GetProperty("HTTP_PORTS").GetString());
        }

        // Admins are named by configuration; an address is no secret.
        Assert.Equal(PublishedManifest.AdminEmail, Resource("api").GetProperty("env").GetProperty("Admin__Emails__0").GetString());
        Assert.False(Resource("worker").GetProperty("env").TryGetProperty("Admin__Emails__0", out _));
    }

    [Fact]
    public void Passwords_and_the_llm_connection_string_are_secret_parameters()
    {
        foreach (var name in new[] { "postgres-password", "redis-password" })
        {
            var input = SecretInput(name);
            // azd generates it (or takes the value set for the environment); the manifest has no value.
            var generate = input.GetProperty("default").GetProperty("generate");
            Assert.True(generate.GetProperty("minLength").GetInt32() >= 24, $"{name} is generated too short");
            Assert.False(generate.GetProperty("special").GetBoolean());
        }

        Assert.False(SecretInput("openai").TryGetProperty("default", out _), "the LLM connection string has a default");
        Assert.Equal("{openai.value}", Resource("openai").GetProperty("connectionString").GetString());

        Assert.Contains("Password={postgres-password.value}", Resource("postgres").GetProperty("connectionString").GetString());
        Assert.Equal("{postgres-password.value}", Resource("postgres").GetProperty("env").GetProperty("POSTGRES_PASSWORD").GetString());
        Assert.Contains("password={redis-password.value}", Resource("redis").GetProperty("connectionString").GetString());
        Assert.Equal("{redis-password.value}", Resource("redis").GetProperty("env").GetProperty("REDIS_PASSWORD").GetString());

        // Whatever else is marked secret has no literal default either.
        foreach (var resource in Resources.EnumerateObject().Where(r => r.Value.GetProperty("type").GetString() == "parameter.v0"))
        {
            foreach (var input in resource.Value.GetProperty("inputs").EnumerateObject().Where(i => i.Value.TryGetProperty("secret", out var secret) && secret.GetBoolean()))
            {
                Assert.False(
                    input.Value.TryGetProperty("default", out var @default) && @default.TryGetProperty("value", out _),
                    $"secret input {resource.Name}.{input.Name} has a literal default");
            }
        }
    }

    [Fact]
    public void No_configured_secret_value_appears_anywhere_in_the_manifest()
    {
        foreach (var secret in PublishedManifest.KnownSecrets)
        {
            Assert.False(published.Text.Contains(secret, StringComparison.Ordinal), $"the manifest contains the configured secret '{secret}'");
        }
    }

    [Fact]
    public void Replica_counts_are_not_in_the_manifest()
    {
        // Aspire 13 writes no replica count for projects even with Api:Replicas and Worker:Replicas
        // set (the fixture sets both). docs/deploy.md says where replicas are set at deploy time;
        // should Aspire start writing them, that page is out of date.
        foreach (var project in new[] { "api", "worker" })
        {
            Assert.False(Resource(project).TryGetProperty("replicas", out _), $"{project} has a replica count: update docs/deploy.md");
        }
    }

    private JsonElement Resource(string name) =>
        Resources.TryGetProperty(name, out var resource) ? resource : throw new Xunit.Sdk.XunitException($"no resource {name} in the manifest:\n{published.Text}");

    private string? Type(string name) => Resource(name).GetProperty("type").GetString();

    private JsonElement SecretInput(string parameter)
    {
        var resource = Resource(parameter);
        Assert.Equal("parameter.v0", resource.GetProperty("type").GetString());
        Assert.Equal($"{{{parameter}.inputs.value}}", resource.GetProperty("value").GetString());
        var input = resource.GetProperty("inputs").GetProperty("value");
        Assert.True(input.GetProperty("secret").GetBoolean(), $"{parameter} is not marked secret");
        return input;
    }

    private void AssertBinding(string resource, string binding, string scheme, int? targetPort, bool external)
    {
        var bindings = Resource(resource).GetProperty("bindings");
        Assert.True(bindings.TryGetProperty(binding, out var found), $"{resource} has no binding {binding}: {bindings}");
        Assert.Equal(scheme, found.GetProperty("scheme").GetString());
        Assert.Equal(targetPort, found.TryGetProperty("targetPort", out var port) ? (int?)port.GetInt32() : null);
        Assert.Equal(external, IsExternal(found));
    }

    private static bool IsExternal(JsonElement binding) =>
        binding.TryGetProperty("external", out var external) && external.GetBoolean();

    // Password=…, password=… or "…PASSWORD": "…" whose value is not a {placeholder}.
    [GeneratedRegex("""(?i)(password=(?!\{)[^;"]+|password"\s*:\s*"(?!\{))""")]
    private static partial Regex LiteralPassword();

    /// <summary>
    /// The manifest, generated once for the class as a user (or azd) does, with every secret
    /// configured to a known value so the tests can look for it.
    /// </summary>
    public sealed class PublishedManifest : IAsyncLifetime
    {
        public const string AdminEmail = "ops@example.test";
        private const string PostgresPassword = "PgKnownSecret4Manifest7";
        private const string RedisPassword = "RedisKnownSecret4Manifest9";
        private const string OpenAiKey = "sk-KnownOpenAiKey4Manifest3";

        public static readonly string[] KnownSecrets = [PostgresPassword, RedisPassword, OpenAiKey];

        private readonly string _output = Path.Combine(Path.GetTempPath(), $"resumeaspire-manifest-{Guid.NewGuid():N}");
        private JsonDocument? _manifest;

        public string Text { get; private set; } = "";

        public JsonElement Resources => _manifest!.RootElement.GetProperty("resources");

        public async Task InitializeAsync()
        {
            var manifestPath = Path.Combine(_output, "aspire-manifest.json");
            var run = await DotnetRun.AppHostAsync(
            [
                "--publisher", "manifest", "--output-path", manifestPath,
                // Local mode requested on purpose: publish mode must ignore it.
                "--Infrastructure:Mode=local",
                $"--Parameters:postgres-password={PostgresPassword}",
                $"--Parameters:redis-password={RedisPassword}",
                $"--ConnectionStrings:openai=Endpoint=https://llm.example.test/v1;Key={OpenAiKey};Model=gpt-4o-mini",
                $"--Admin:Emails:0={AdminEmail}",
                "--Api:Replicas=2",
                "--Worker:Replicas=3",
            ]);
            Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.StandardOutput}{run.StandardError}");

            Text = await File.ReadAllTextAsync(manifestPath);
            _manifest = JsonDocument.Parse(Text);
        }

        public Task DisposeAsync()
        {
            _manifest?.Dispose();
            if (Directory.Exists(_output))
            {
                Directory.Delete(_output, recursive: true);
            }

            return Task.CompletedTask;
        }
    }
}
