using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResumeAspire.Core.Data;
using StackExchange.Redis;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>
/// Real PostgreSQL and real Redis processes, with the Api and the Worker hosted on top of them.
/// Shared by the tests of one collection; every test works as its own freshly registered user.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    // Any public type of an app's assembly identifies it to WebApplicationFactory; both apps have a Program.
    public WebApplicationFactory<Api.Jobs.JobEnqueuer> Api { get; private set; } = null!;
    public WebApplicationFactory<Worker.JobConsumer> Worker { get; private set; } = null!;
    public IConnectionMultiplexer Redis { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = null!;

    internal PostgresServer Postgres => _postgres!;

    public async Task InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        _postgres = await postgres;
        _redis = await redis;

        DatabaseConnectionString = _postgres.ConnectionString("resumedb");
        // The Aspire client integrations read these while the apps are being built, before any
        // WebApplicationFactory configuration hook runs; environment variables reach them in time.
        Environment.SetEnvironmentVariable("ConnectionStrings__resumedb", DatabaseConnectionString);
        Environment.SetEnvironmentVariable("ConnectionStrings__redis", _redis.ConnectionString);
        Environment.SetEnvironmentVariable("Worker__Concurrency", "4");

        Redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        Api = new WebApplicationFactory<Api.Jobs.JobEnqueuer>();
        _ = Api.Server; // starts it, which migrates the database
        Worker = new WebApplicationFactory<Worker.JobConsumer>();
        _ = Worker.Server;
    }

    public ApiSession NewSession() => new(Api.CreateClient());

    public async Task<T> QueryAsync<T>(Func<ResumeDbContext, Task<T>> query)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ResumeDbContext>());
    }

    public async Task<long> StreamLengthAsync() =>
        await Redis.GetDatabase().StreamLengthAsync(Core.Queue.QueueNames.Stream);

    public NpgsqlConnection OpenAdminConnection(string database = "postgres") => new(_postgres!.ConnectionString(database));

    public async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
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
