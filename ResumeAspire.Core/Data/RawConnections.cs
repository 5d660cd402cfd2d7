using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ResumeAspire.Core.Data;

/// <summary>
/// Raw Npgsql connections for the hot paths (the Api's status read and enqueue lookup, the
/// worker's claim and final write), where EF's query pipeline cost more CPU than the statements
/// themselves and every request rented a pooled DbContext (up to 1,024 of them stayed in memory
/// under load). They use the very connection string EF was given, so they come from the same
/// Npgsql pool and stay inside this process's connection budget.
/// </summary>
public sealed class RawConnections(IServiceScopeFactory scopes)
{
    private string? _connectionString;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_connectionString ??= ReadConnectionString());
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private string ReadConnectionString()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ResumeDbContext>().Database.GetConnectionString()
            ?? throw new InvalidOperationException("ConnectionStrings:resumedb is not configured.");
    }
}
