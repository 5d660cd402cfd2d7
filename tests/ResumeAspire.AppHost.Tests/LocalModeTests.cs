using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Npgsql;

namespace ResumeAspire.AppHost.Tests;

/// <summary>The whole application in local mode: OS PostgreSQL and Redis, Api and Worker.</summary>
public sealed class LocalModeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Api_answers_healthz_when_started_with_local_postgres_and_redis()
    {
        using var data = new TemporaryDataFolder();
        var clock = Stopwatch.StartNew();
        using var cancellation = new CancellationTokenSource(StartTimeout);
        var cancellationToken = cancellation.Token;

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ResumeAspire_AppHost>(
            [
                "--Infrastructure:Mode=local",
                $"--Infrastructure:DataPath={data.Path}",
                // No fixed ports: a developer's running app host must not make this test fail.
                "--Ports:Api=0",
                "--Ports:Web=0",
                // Vite adds nothing that this test checks, and npm would slow it down.
                "--Web:Enabled=false",
            ],
            cancellationToken);

        await using (var app = await builder.BuildAsync(cancellationToken))
        {
            using var watch = ResourceWatch.Start(app, ["postgres", "resumedb", "redis", "api", "worker"], cancellation);
            try
            {
                await app.StartAsync(cancellationToken);
                foreach (var resource in new[] { "resumedb", "redis", "api", "worker" })
                {
                    await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                // Timed out or a resource exited: say which, with its last log lines, not just "canceled".
                Assert.Fail($"the app did not become healthy after {clock.Elapsed.TotalSeconds:0} s\n{watch.Report()}");
            }

            output.WriteLine($"all resources healthy after {clock.Elapsed.TotalSeconds:0.0} s");

            using var http = app.CreateHttpClient("api", "http");
            using var response = await http.GetAsync("/api/healthz", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/healthz answered {(int)response.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());

            // Statement statistics are there for whoever profiles, when the installation ships them.
            if (PostgresBinaries.Find(Environment.GetEnvironmentVariable("PATH"), Prerequisites.PostgresInstallRoot)?.HasStatementStatistics == true)
            {
                await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("resumedb", cancellationToken));
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                // Fails with "pg_stat_statements must be loaded via shared_preload_libraries" unless preloaded.
                await using var read = new NpgsqlCommand("SELECT count(*) FROM pg_stat_statements", connection);
                Assert.True((long)(await read.ExecuteScalarAsync(cancellationToken))! > 0);
            }

            // Local mode keeps the generated password beside the data, readable by its owner only.
            var passwordFile = Path.Combine(data.Path, "postgres.password");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        }

        output.WriteLine($"app host disposed after {clock.Elapsed.TotalSeconds:0.0} s");
        var left = await data.WaitUntilUnusedAsync(TimeSpan.FromSeconds(20));
        output.WriteLine($"postgres and redis gone after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(left.Count == 0, $"processes still using {data.Path} after the app host stopped: {string.Join(", ", left)}");
    }
}
