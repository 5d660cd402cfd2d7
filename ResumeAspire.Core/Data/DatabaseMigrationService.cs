using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ResumeAspire.Core.Data;

/// <summary>
/// Runs before the other hosted services start, so nothing touches a table that does not exist yet.
/// Retries while PostgreSQL is still starting (the app host's WaitFor makes that rare, a bare
/// <c>dotnet run</c> of one service does not).
/// </summary>
public sealed class DatabaseMigrationService(IServiceScopeFactory scopes, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + GiveUpAfter;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ResumeDbContext>();
                await DatabaseMigrator.MigrateAsync(db, logger, cancellationToken);
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTimeOffset.UtcNow < deadline)
            {
                logger.LogWarning("PostgreSQL is not ready yet (attempt {Attempt}): {Reason}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
