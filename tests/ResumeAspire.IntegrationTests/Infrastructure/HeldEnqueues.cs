using Npgsql;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>Polls a condition while enqueues are held up, failing at once if one of them faulted.</summary>
internal static class HeldEnqueues
{
    public static async Task WaitUntilAsync(IEnumerable<Task<Guid>> enqueues, Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            Assert.DoesNotContain(enqueues, t => t.IsFaulted);
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Never reached: {what}.");
    }

    /// <summary>Takes a table lock in a transaction of its own; statements that need the table wait until <see cref="TableLock.ReleaseAsync"/>.</summary>
    public static async Task<TableLock> LockAsync(string connectionString, string lockStatement)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(lockStatement, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new TableLock(connection, transaction);
    }

    internal sealed class TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public Task ReleaseAsync() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
