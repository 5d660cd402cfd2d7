namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>A real <c>redis-server</c> on loopback and a free port, in its own temp folder.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string _dataDir;
    private ServerProcess? _process;

    private RedisServer(string dataDir, int port)
    {
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"resumeaspire-redis-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var server = new RedisServer(dataDir, FreePort.Next());
        await server.StartProcessAsync();
        return server;
    }

    public async Task StartProcessAsync()
    {
        _process = ServerProcess.Start("redis-server",
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _dataDir, "--save", "", "--appendonly", "no",
        ]);
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(15));
    }

    public void Kill() => _process?.Dispose();

    /// <summary>Kills the server and starts it again on the same port with no data: what a Redis without persistence does after a crash.</summary>
    public async Task RestartEmptyAsync()
    {
        _process?.Dispose();
        foreach (var file in Directory.GetFiles(_dataDir))
        {
            File.Delete(file);
        }

        await StartProcessAsync();
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
}
