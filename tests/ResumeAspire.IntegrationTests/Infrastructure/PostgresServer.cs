using System.Diagnostics;
using Npgsql;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster from the OS packages, in its own temp folder on a free port.
/// PostgreSQL refuses to run as root, so as root it runs as the <c>postgres</c> user.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _dataDir;
    private ServerProcess? _process;

    private PostgresServer(string dataDir, int port)
    {
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    public static async Task<PostgresServer> StartAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"resumeaspire-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var server = new PostgresServer(dataDir, FreePort.Next());
        if (IsRoot)
        {
            Run("chown", "postgres:postgres", dataDir);
        }

        RunAsServerUser(Binary("initdb"), "-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await server.StartProcessAsync();
        return server;
    }

    public async Task StartProcessAsync()
    {
        // Durability settings are off: these clusters live for one test run.
        _process = ServerProcess.Start(IsRoot ? "setpriv" : Binary("postgres"), ServerUserPrefix().Concat(
        [
            .. IsRoot ? [Binary("postgres")] : Array.Empty<string>(),
            "-D", _dataDir, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "unix_socket_directories=",
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=300",
        ]));
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(30));
        await WaitForQueriesAsync();
    }

    /// <summary>SIGKILL the server, as a crash would; <see cref="StartProcessAsync"/> brings it back with its data.</summary>
    public void Kill() => _process?.Dispose();

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private async Task WaitForQueriesAsync()
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (i < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static IEnumerable<string> ServerUserPrefix() =>
        IsRoot ? ["--reuid=postgres", "--regid=postgres", "--init-groups"] : [];

    private static void RunAsServerUser(string fileName, params string[] arguments)
    {
        if (IsRoot)
        {
            Run("setpriv", [.. ServerUserPrefix(), fileName, .. arguments]);
        }
        else
        {
            Run(fileName, arguments);
        }
    }

    private static void Run(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    /// <summary>initdb and postgres are not on PATH on Debian; take the newest installed major version.</summary>
    private static string Binary(string name)
    {
        if (!Directory.Exists("/usr/lib/postgresql"))
        {
            return name;
        }

        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(dir => (Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0, Path: Path.Combine(dir, "bin", name)))
            .Where(c => File.Exists(c.Path))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Path)
            .FirstOrDefault() ?? name;
    }
}
