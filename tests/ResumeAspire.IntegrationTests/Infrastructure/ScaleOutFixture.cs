using Npgsql;
using StackExchange.Redis;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>
/// The system scaled out as the app host runs it with <c>Api:Replicas=2</c> and
/// <c>Worker:Replicas=2</c>: real PostgreSQL and Redis, two Api processes (each with its own HOME,
/// so only the shared Redis key ring lets them accept each other's tokens) and two worker
/// processes. Nothing runs in this process, and nothing is shared with the other fixtures.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private RedisServer? _redis;
    private ApiProcess? _apiA;
    private ApiProcess? _apiB;
    private WorkerProcess? _workerA;
    private WorkerProcess? _workerB;

    public IConnectionMultiplexer Redis { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = null!;

    internal ApiProcess ApiA => _apiA!;

    internal ApiProcess ApiB => _apiB!;

    internal IReadOnlyList<WorkerProcess> Workers => [_workerA!, _workerB!];

    /// <summary>How long the whole system took to start, for the test output.</summary>
    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        _postgres = await postgres;
        _redis = await redis;
        DatabaseConnectionString = _postgres.ConnectionString("resumedb");
        Redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);

        // One replica first: it creates and migrates the database (the others would wait on the
        // migration lock anyway) and writes the first key of the shared key ring.
        _apiA = await ApiProcess.StartAsync("a", ApiSettings());
        var apiB = ApiProcess.StartAsync("b", ApiSettings());
        var workerA = WorkerProcess.StartAsync(WorkerSettings());
        var workerB = WorkerProcess.StartAsync(WorkerSettings());
        try
        {
            await Task.WhenAll(apiB, workerA, workerB);
        }
        finally
        {
            // Whatever started is stopped in DisposeAsync, even when another one failed.
            _apiB = apiB.IsCompletedSuccessfully ? apiB.Result : null;
            _workerA = workerA.IsCompletedSuccessfully ? workerA.Result : null;
            _workerB = workerB.IsCompletedSuccessfully ? workerB.Result : null;
        }

        StartupTime = clock.Elapsed;
    }

    public NpgsqlConnection OpenConnection() => new(DatabaseConnectionString);

    public async Task DisposeAsync()
    {
        _workerA?.Dispose();
        _workerB?.Dispose();
        _apiA?.Dispose();
        _apiB?.Dispose();
        Redis?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private Dictionary<string, string> ConnectionStrings() => new()
    {
        ["ConnectionStrings__resumedb"] = DatabaseConnectionString,
        ["ConnectionStrings__redis"] = _redis!.ConnectionString,
    };

    private Dictionary<string, string> ApiSettings() => new(ConnectionStrings())
    {
        // The per-user limits would turn a 200-job burst into 429s; they have tests of their own.
        ["Limits__EnqueuePermits"] = "100000",
        ["Limits__SyncPermits"] = "100000",
        ["Limits__MaxInFlightPerUser"] = "100000",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    // Child processes inherit this process' environment, where other fixtures leave short
    // timings behind: everything these tests rely on is set here.
    private Dictionary<string, string> WorkerSettings() => new(ConnectionStrings())
    {
        ["Worker__Concurrency"] = "4",
        ["Worker__StatusInterval"] = "00:00:00.250",
        ["Worker__MaxPollInterval"] = "00:00:00.200",
        // Long enough that a cold worker on a busy 2-core machine never times out, which would
        // show up as a second attempt.
        ["Worker__JobTimeout"] = "00:01:00",
        ["Worker__LeaseMargin"] = "00:00:05",
        ["Worker__SweepAfter"] = "00:00:30",
        ["Worker__ShutdownGrace"] = "00:00:03",
    };
}

[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutFixture>
{
    public const string Name = "scale-out";
}
