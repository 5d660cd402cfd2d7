using System.Net;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>
/// An Api replica as its own OS process (the built ResumeAspire.Api.dll run with <c>dotnet</c>),
/// with its own HOME: the folder where ASP.NET Core keeps a data protection key ring when it is
/// told nothing else, so two replicas share keys only if the application shares them.
/// </summary>
internal sealed class ApiProcess : IDisposable
{
    // Generous: a cold start next to PostgreSQL, Redis and three more .NET processes on a busy 2-core machine.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly ServerProcess _process;
    private readonly string _home;

    private ApiProcess(ServerProcess process, string home, Uri baseAddress)
    {
        _process = process;
        _home = home;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public string Output => _process.Output;

    /// <summary>Starts a replica and returns once <c>GET /api/healthz</c> answers 200 (PostgreSQL and Redis reachable, database migrated).</summary>
    public static async Task<ApiProcess> StartAsync(string name, IDictionary<string, string> environment)
    {
        var port = FreePort.Next();
        // Not Directory.CreateTempSubdirectory: the name says which replica a leftover folder was.
        var home = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"resumeaspire-api-{name}-{Guid.NewGuid():N}")).FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var dll = ApiDll();
        var env = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["HOME"] = home,
        };

        // Run from any folder, the app's content root (appsettings.json) is still its build folder.
        var process = ServerProcess.Start("dotnet", [dll, "--contentRoot", Path.GetDirectoryName(dll)!], env);
        var api = new ApiProcess(process, home, baseAddress);
        try
        {
            await api.WaitUntilReadyAsync();
        }
        catch
        {
            api.Dispose();
            throw;
        }

        return api;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the Api at {BaseAddress} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/api/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet: Kestrel starts after the database migration.
                last = e.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the Api at {BaseAddress} was not ready within {ReadyTimeout.TotalSeconds:0} s (last: {last}):\n{Output}");
    }

    // tests/ResumeAspire.IntegrationTests/bin/<Configuration>/net10.0/ → ResumeAspire.Api/bin/<Configuration>/net10.0/
    private static string ApiDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var repository = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repository, "ResumeAspire.Api", "bin", configuration, framework, "ResumeAspire.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build ResumeAspire.Api first.", dll);
    }
}
