using System.Runtime.Versioning;
using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ResumeAspire.AppHost;

/// <summary>
/// PostgreSQL from the operating system's packages: a data folder under
/// <c>Infrastructure:DataPath</c>/postgres, loopback only, password authentication, and the
/// "resumedb" database created by the app host once the server answers.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class LocalPostgres
{
    private const string User = "postgres";
    private const string DatabaseName = "resumedb";
    // One name in both modes: Parameters:postgres-password sets the password either way.
    private const string PasswordParameter = ContainerInfrastructure.PostgresPasswordParameter;
    private const string PasswordFileName = "postgres.password";

    public static IResourceBuilder<IResourceWithConnectionString> Add(IDistributedApplicationBuilder builder, string dataRoot, int? port)
    {
        var dataDirectory = Path.Combine(dataRoot, "postgres");
        var dataVersionFile = Path.Combine(dataDirectory, "PG_VERSION");
        var dataVersion = File.Exists(dataVersionFile) ? File.ReadAllText(dataVersionFile).Trim() : null;
        var path = Environment.GetEnvironmentVariable("PATH");
        var binaries = PostgresBinaries.Find(path, Prerequisites.PostgresInstallRoot, dataVersion)
            ?? throw new StartupException(Prerequisites.Sentence("PostgreSQL's initdb and postgres were not found", "postgresql"));

        // PostgreSQL refuses to run as root: then every PostgreSQL program runs as the postgres user.
        string[] runAs = Environment.IsPrivilegedProcess
            ? PostgresBinaries.RunAsPostgresUser(path) ?? throw new StartupException(Prerequisites.Sentence("setpriv or runuser was not found on PATH", "util-linux"))
            : [];

        Directory.CreateDirectory(dataRoot);
        var password = Password(builder.Configuration, dataRoot, initialized: dataVersion is not null);
        if (dataVersion is null)
        {
            InitDb(binaries, runAs, dataRoot, dataDirectory, password);
        }
        else if (runAs.Length > 0)
        {
            GiveToPostgresUser(dataRoot, dataDirectory);
        }

        var passwordParameter = builder.AddParameter(PasswordParameter, password, secret: true);

        // A port known now, not one Aspire allocates later: the health checks must reach postgres
        // itself, and a dynamic target port is only ever resolved inside the orchestrator.
        var serverPort = port ?? LoopbackPorts.Free();
        string[] command = [.. runAs, binaries.Postgres];
        var server = builder.AddExecutable("postgres", command[0], dataDirectory, [.. command[1..]])
            .WithEndpoint(port: serverPort, targetPort: serverPort, name: "tcp", scheme: "tcp", env: "PGPORT", isProxied: false)
            .WithArgs(
                "-D", dataDirectory,
                "-c", "listen_addresses=127.0.0.1",
                // TCP only. A Unix socket in the data folder fails to start once the folder's path
                // is long (a socket path is limited to 107 bytes), and /var/run/postgresql may not be ours.
                "-c", "unix_socket_directories=",
                // Npgsql pools up to 100 connections per process: Api and Worker together exceed
                // PostgreSQL's default of 100, and past it every refused connection costs a fork
                // and a SCRAM handshake (bench/README.md, the collapse at 1,000 users).
                "-c", "max_connections=300")
            .WithHealthCheck("postgres-local");
        if (binaries.HasStatementStatistics)
        {
            // Costs per statement for whoever profiles (bench/load.sh reads it per step); the
            // view exists once a superuser runs CREATE EXTENSION pg_stat_statements.
            server.WithArgs("-c", "shared_preload_libraries=pg_stat_statements");
        }

        var endpoint = server.GetEndpoint("tcp");
        var database = builder.AddConnectionString(
                DatabaseName,
                ReferenceExpression.Create(
                    $"Host={endpoint.Property(EndpointProperty.IPV4Host)};Port={endpoint.Property(EndpointProperty.Port)};Username={User};Password={passwordParameter.Resource};Database={DatabaseName}"))
            .WithParentRelationship(server)
            .WithHealthCheck("resumedb-local");

        builder.Services.AddHealthChecks()
            .AddAsyncCheck("postgres-local", cancellationToken => Probe(async () =>
            {
                await using var connection = await OpenAsync(serverPort, password, "postgres", cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
            }))
            .AddAsyncCheck("resumedb-local", cancellationToken => Probe(() => EnsureDatabaseAsync(serverPort, password, cancellationToken)));

        if (binaries.PgCtl is { } pgCtl)
        {
            builder.Services.AddHostedService(_ => new FastShutdown([.. runAs, pgCtl], dataDirectory));
        }

        return database;
    }

    /// <summary>
    /// Unhealthy with the reason only: "connection refused" while postgres starts is expected and
    /// needs no stack trace in the log.
    /// </summary>
    private static async Task<HealthCheckResult> Probe(Func<Task> probe)
    {
        try
        {
            await probe();
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }

    /// <summary>
    /// Stops PostgreSQL cleanly when the app host stops. The orchestrator would otherwise kill it
    /// once the app host is gone, leaving a stale postmaster.pid and crash recovery for the next run.
    /// </summary>
    private sealed class FastShutdown(string[] pgCtl, string dataDirectory) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            {
                // "fast" disconnects the Api's and Worker's pooled sessions instead of waiting for them.
                Processes.Run(pgCtl[0], [.. pgCtl[1..], "stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "15"], TimeSpan.FromSeconds(20));
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// The configured password, else the one generated on the first run (kept 0600 beside the data
    /// folder, so the folder and its password always travel together).
    /// </summary>
    private static string Password(IConfiguration configuration, string dataRoot, bool initialized)
    {
        if (configuration[$"Parameters:{PasswordParameter}"] is { Length: > 0 } configured)
        {
            return configured;
        }

        var file = Path.Combine(dataRoot, PasswordFileName);
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        if (initialized)
        {
            throw new StartupException(
                $"The PostgreSQL data folder {Path.Combine(dataRoot, "postgres")} exists but its password file {file} is gone: set Parameters:{PasswordParameter} to its password, or delete the data folder to start afresh.");
        }

        // Letters and digits only: nothing to escape in a connection string.
        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 32);
        WriteSecret(file, password);
        return password;
    }

    /// <summary>Creates the file readable by its owner only from the start, not after a chmod.</summary>
    private static void WriteSecret(string file, string secret)
    {
        using var stream = new FileStream(file, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(secret);
    }

    private static void InitDb(PostgresBinaries binaries, string[] runAs, string dataRoot, string dataDirectory, string password)
    {
        Console.WriteLine($"Creating the PostgreSQL data folder {dataDirectory} (first run).");
        Directory.CreateDirectory(dataDirectory);

        // initdb reads the password from a file; this copy lives only as long as initdb runs.
        var passwordFile = Path.Combine(dataRoot, $".initdb-{Guid.NewGuid():N}");
        WriteSecret(passwordFile, password);
        try
        {
            if (runAs.Length > 0)
            {
                GiveToPostgresUser(dataRoot, dataDirectory, passwordFile);
            }

            string[] command =
            [
                .. runAs, binaries.InitDb,
                "-D", dataDirectory,
                "--username", User,
                "--pwfile", passwordFile,
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
            ];
            var result = Processes.Run(command[0], command[1..], TimeSpan.FromMinutes(2));
            if (!result.Succeeded)
            {
                throw new StartupException($"initdb could not create {dataDirectory} (exit code {result.ExitCode}): {result.Output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static void GiveToPostgresUser(string dataRoot, string dataDirectory, params string[] files)
    {
        // The postgres user must be able to reach the data folder through its parent.
        File.SetUnixFileMode(dataRoot, File.GetUnixFileMode(dataRoot) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = Processes.Run("chown", ["-R", $"{User}:{User}", dataDirectory, .. files], TimeSpan.FromMinutes(1));
        if (!result.Succeeded)
        {
            throw new StartupException($"Could not give {dataDirectory} to the postgres user: {result.Output}");
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(int port, string password, string database, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = User,
            Password = password,
            Database = database,
            // A pooled idle connection would hold up PostgreSQL's shutdown.
            Pooling = false,
            Timeout = 3,
        }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task EnsureDatabaseAsync(int port, string password, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(port, password, "postgres", cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another check got there first.
        }
    }
}
