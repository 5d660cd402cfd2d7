using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using ResumeAspire.Core.Data;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>
/// Real PostgreSQL and real Redis processes, with the Api hosted on top of them and a worker
/// (the real Worker with the scripted tailor) in this process. Shared by the tests of one
/// collection; every test works as its own freshly registered user.
/// </summary>
public class SystemFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    // Any public type of an app's assembly identifies it to WebApplicationFactory; both apps have a Program.
    public WebApplicationFactory<Api.Jobs.JobEnqueuer> Api { get; private set; } = null!;
    public WebApplicationFactory<TestWorker.ScriptedTailor>? Worker { get; private set; }
    public IConnectionMultiplexer Redis { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = null!;

    internal RedisServer RedisServer => _redis!;

    internal PostgresServer PostgresServer => _postgres!;

    /// <summary>Settings shared by the in-process worker and worker processes: short timings so faults resolve in seconds.</summary>
    public IReadOnlyDictionary<string, string> WorkerSettings => new Dictionary<string, string>
    {
        ["ConnectionStrings__resumedb"] = DatabaseConnectionString,
        ["ConnectionStrings__redis"] = _redis!.ConnectionString,
        ["Worker__Concurrency"] = "4",
        // The in-process worker runs the Worker's Program, CpuPriority included: at 19 it would
        // lower this test process and every server it starts. WorkerPriorityTests sets its own.
        ["Worker__Nice"] = "0",
        ["Worker__StatusInterval"] = "00:00:00.250",
        ["Worker__QueueMetricsInterval"] = "00:00:00.200",
        ["Worker__MaxPollInterval"] = "00:00:00.200",
        ["Worker__RetryBaseDelay"] = "00:00:00.200",
        ["Worker__RetryMaxDelay"] = "00:00:01",
        // Long enough that a cold worker (JIT on a busy 2-core machine) never times out by accident.
        ["Worker__JobTimeout"] = "00:00:10",
        ["Worker__LeaseMargin"] = "00:00:01",
        ["Worker__ReclaimInterval"] = "00:00:01",
        ["Worker__PromoteInterval"] = "00:00:00.100",
        ["Worker__SweepInterval"] = "00:00:01",
        ["Worker__SweepAfter"] = "00:00:02",
        ["Worker__ShutdownGrace"] = "00:00:03",
        ["ResultCache__Ttl"] = CacheTtl.ToString(),
        ["LlmRateLimit__PermitsPerWindow"] = "2",
        ["LlmRateLimit__Window"] = "00:00:02",
    };

    protected virtual bool InProcessWorker => true;

    protected virtual string DefaultLogLevel => "Warning";

    protected virtual WebApplicationFactory<TestWorker.ScriptedTailor> CreateWorker() => new();

    /// <summary>Short, so the expiry test need not wait an hour; long enough for a hit right after completion.</summary>
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(6);

    public virtual async Task InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        _postgres = await postgres;
        _redis = await redis;
        DatabaseConnectionString = _postgres.ConnectionString("resumedb");

        // The Aspire client integrations read their connection strings while an app is being
        // built, before any WebApplicationFactory hook runs; environment variables reach them in time.
        foreach (var (key, value) in WorkerSettings)
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        // The in-process apps log warnings only, so test output stays readable.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", DefaultLogLevel);
        Environment.SetEnvironmentVariable("Limits__EnqueuePermits", "100000");
        Environment.SetEnvironmentVariable("Limits__SyncPermits", "100000");
        Environment.SetEnvironmentVariable("Limits__MaxInFlightPerUser", "100000");
        Environment.SetEnvironmentVariable("ResultCache__Ttl", CacheTtl.ToString());
        // Tests that read spans need every trace: one shared Api spends the default burst of new
        // traces (100, then 10/s) within a few tests. TraceSamplingTests covers the budget itself.
        Environment.SetEnvironmentVariable("Telemetry__MaxTracesPerSecond", "0");

        Redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        Api = new WebApplicationFactory<Api.Jobs.JobEnqueuer>();
        _ = Api.Server; // starts it, which migrates the database
        if (InProcessWorker)
        {
            Worker = CreateWorker();
            _ = Worker.Server;
        }
    }

    public ApiSession NewSession() => new(Api.CreateClient());

    internal Task<WorkerProcess> StartWorkerProcessAsync() => WorkerProcess.StartAsync(WorkerSettings.ToDictionary());

    public async Task<T> QueryAsync<T>(Func<ResumeDbContext, Task<T>> query)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ResumeDbContext>());
    }

    public async Task<long> StreamLengthAsync() =>
        await Redis.GetDatabase().StreamLengthAsync(QueueNames.Stream);

    /// <summary>
    /// The id of the last entry ever added: unlike XLEN it only moves when something is enqueued,
    /// since workers delete the entries they acknowledge.
    /// </summary>
    public async Task<string> LastStreamEntryIdAsync() =>
        (await Redis.GetDatabase().StreamInfoAsync(QueueNames.Stream)).LastGeneratedId.ToString();

    /// <summary>Makes a <c>[[block]]</c> job go on.</summary>
    public Task ReleaseAsync(string jobRef) => Redis.GetDatabase().StringSetAsync($"test:release:{jobRef}", 1);

    /// <summary>Waits until some worker is inside the tailor of a <c>[[block]]</c> job; returns that worker's process id.</summary>
    public async Task<int> WaitUntilStartedAsync(string jobRef, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var pid = await Redis.GetDatabase().StringGetAsync($"test:started:{jobRef}");
            if (!pid.IsNullOrEmpty)
            {
                return (int)pid;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No worker started job {jobRef}.");
    }

    public async Task<long> TailorCallsAsync(string jobRef) =>
        (long)await Redis.GetDatabase().StringGetAsync($"test:calls:{jobRef}");

    public NpgsqlConnection OpenAdminConnection(string database = "postgres") => new(_postgres!.ConnectionString(database));

    public virtual async Task DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
        }

        await Api.DisposeAsync();
        Redis.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}

/// <summary>The same system with no worker in this process: the tests start and kill worker processes themselves.</summary>
public sealed class FaultFixture : SystemFixture
{
    protected override bool InProcessWorker => false;
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultFixture>
{
    public const string Name = "faults";
}

/// <summary>
/// A system of its own for tests that count global things (queue overview, metrics, traces): no
/// other test's jobs may land in their numbers. Its admin is named in configuration, as an operator would.
/// </summary>
public sealed class IsolatedFixture : SystemFixture
{
    public const string DashboardUrl = "http://localhost:15080/";

    public string AdminEmail { get; } = $"ops-{Guid.NewGuid():N}@example.test";

    /// <summary>Everything the in-process worker logs at Information and above, for the log tests.</summary>
    public FakeLogCollector WorkerLogs => Worker!.Services.GetFakeLogCollector();

    // Information, as in production: the log tests check what a healthy job does (not) log.
    protected override string DefaultLogLevel => "Information";

    protected override WebApplicationFactory<TestWorker.ScriptedTailor> CreateWorker() =>
        new WebApplicationFactory<TestWorker.ScriptedTailor>().WithWebHostBuilder(web => web.ConfigureLogging(logging => logging.AddFakeLogging()));

    public override async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("Admin__Emails__0", AdminEmail.ToUpperInvariant());
        Environment.SetEnvironmentVariable("Admin__DashboardUrl", DashboardUrl);
        try
        {
            await base.InitializeAsync();
        }
        finally
        {
            // The Api has read them; other fixtures' Apis must not have an admin they do not expect.
            Environment.SetEnvironmentVariable("Admin__Emails__0", null);
            Environment.SetEnvironmentVariable("Admin__DashboardUrl", null);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IsolatedCollection : ICollectionFixture<IsolatedFixture>
{
    public const string Name = "isolated";
}
