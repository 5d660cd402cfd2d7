using System.Runtime.Versioning;

namespace ResumeAspire.AppHost;

/// <summary>Where the operating system's PostgreSQL server programs are.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed record PostgresBinaries(string InitDb, string Postgres)
{
    /// <summary>pg_ctl beside postgres, if that installation has it.</summary>
    public string? PgCtl
    {
        get
        {
            var pgCtl = Path.Combine(Path.GetDirectoryName(Postgres)!, "pg_ctl");
            return Prerequisites.IsExecutableFile(pgCtl) ? pgCtl : null;
        }
    }

    /// <summary>
    /// Whether this installation ships pg_stat_statements (Debian's postgresql-N does, in
    /// ../lib beside bin): local mode preloads it so statement costs can be read under load.
    /// </summary>
    public bool HasStatementStatistics =>
        File.Exists(Path.Combine(Path.GetDirectoryName(Postgres)!, "..", "lib", "pg_stat_statements.so"));

    /// <summary>
    /// initdb and postgres from one installation: the version that created an existing data folder
    /// (a newer major version cannot open it), else the one on PATH, else the newest under
    /// <paramref name="installRoot"/> (Debian keeps them off PATH, in /usr/lib/postgresql/N/bin).
    /// </summary>
    public static PostgresBinaries? Find(string? searchPath, string installRoot, string? dataVersion = null)
    {
        if (dataVersion is not null && InDirectory(Path.Combine(installRoot, dataVersion, "bin")) is { } matching)
        {
            return matching;
        }

        if (Prerequisites.FindOnPath("initdb", searchPath) is { } initDb)
        {
            // A symlink on PATH (e.g. /usr/local/bin/initdb) points into the real installation.
            var real = new FileInfo(initDb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initDb;
            if (InDirectory(Path.GetDirectoryName(real)!) is { } beside)
            {
                return beside;
            }

            if (Prerequisites.FindOnPath("postgres", searchPath) is { } postgres)
            {
                return new PostgresBinaries(initDb, postgres);
            }
        }

        if (!Directory.Exists(installRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(installRoot)
            .Select(directory => (Version: decimal.TryParse(Path.GetFileName(directory), System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : -1, Directory: directory))
            .Where(install => install.Version >= 0)
            .OrderByDescending(install => install.Version)
            .Select(install => InDirectory(Path.Combine(install.Directory, "bin")))
            .FirstOrDefault(binaries => binaries is not null);
    }

    /// <summary>
    /// The command prefix that drops root privileges to the postgres user, or null when neither
    /// tool is installed. Both exec the server, so the process Aspire watches is postgres itself.
    /// </summary>
    public static string[]? RunAsPostgresUser(string? searchPath)
    {
        if (Prerequisites.FindOnPath("setpriv", searchPath) is { } setpriv)
        {
            return [setpriv, "--reuid=postgres", "--regid=postgres", "--init-groups"];
        }

        if (Prerequisites.FindOnPath("runuser", searchPath) is { } runuser)
        {
            return [runuser, "-u", "postgres", "--"];
        }

        return null;
    }

    public static bool PostgresUserExists() =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal));

    private static PostgresBinaries? InDirectory(string directory)
    {
        var initDb = Path.Combine(directory, "initdb");
        var postgres = Path.Combine(directory, "postgres");
        return Prerequisites.IsExecutableFile(initDb) && Prerequisites.IsExecutableFile(postgres)
            ? new PostgresBinaries(initDb, postgres)
            : null;
    }
}
