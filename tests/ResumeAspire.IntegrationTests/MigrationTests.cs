using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ResumeAspire.Core.Data;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class MigrationTests(SystemFixture system)
{
    [Fact]
    public async Task Replicas_starting_at_once_create_and_migrate_the_database_exactly_once()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(system.DatabaseConnectionString) { Database = $"race_{Guid.NewGuid():N}" }.ConnectionString;

        // Eight "replicas" race on a database that does not exist yet.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var options = new DbContextOptionsBuilder<ResumeDbContext>().UseNpgsql(connectionString);
            ResumeDbContextOptions.Configure(options);
            await using var db = new ResumeDbContext(options.Options);
            await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);
        })));

        var verify = new DbContextOptionsBuilder<ResumeDbContext>().UseNpgsql(connectionString);
        ResumeDbContextOptions.Configure(verify);
        await using var check = new ResumeDbContext(verify.Options);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
    }
}
