using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ResumeAspire.Core.Data;

/// <summary>
/// Applies migrations at start-up. Several Api and Worker replicas start at once, so the
/// database is created race-free and migrations run under a PostgreSQL advisory lock.
/// </summary>
public static class DatabaseMigrator
{
    // Arbitrary but fixed: every replica must agree on it.
    private const long MigrationLockKey = 0x5245_5355_4D45; // "RESUME"

    public static async Task MigrateAsync(ResumeDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("ConnectionStrings:resumedb is not configured.");
        await EnsureDatabaseExistsAsync(connectionString, logger, cancellationToken);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Waiting for another replica's migration is not a slow query: no command timeout
            // (several replicas starting on a busy machine waited past the 30 s default and crashed).
            var commandTimeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(TimeSpan.Zero);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            }
            finally
            {
                db.Database.SetCommandTimeout(commandTimeout);
            }

            try
            {
                // MigrateAsync checks for the history table before reading it (asking for pending
                // migrations first would log a failed query on a fresh database) and is a no-op when current.
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task EnsureDatabaseExistsAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };

        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            // Identifiers cannot be parameters; quote it instead.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created database {Database}", database);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another replica created it between our check and our CREATE.
        }
    }
}
