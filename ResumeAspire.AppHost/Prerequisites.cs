namespace ResumeAspire.AppHost;

/// <summary>
/// The operating-system packages that local mode and the web dev server need. Checked before any
/// resource is added, so a missing one stops the app host with one sentence that names the package
/// instead of a resource that fails somewhere in the dashboard.
/// </summary>
internal static class Prerequisites
{
    public const string PostgresInstallRoot = "/usr/lib/postgresql";

    public static void Check(InfrastructureMode mode, bool runsWeb)
    {
        var missing = Missing(mode, runsWeb, Environment.GetEnvironmentVariable("PATH"), PostgresInstallRoot, Environment.IsPrivilegedProcess);
        if (missing.Count > 0)
        {
            throw new StartupException(string.Join(Environment.NewLine, missing));
        }
    }

    /// <summary>One sentence per missing prerequisite; empty when everything is there.</summary>
    public static IReadOnlyList<string> Missing(InfrastructureMode mode, bool runsWeb, string? searchPath, string postgresInstallRoot, bool asRoot)
    {
        var missing = new List<string>();
        if (mode == InfrastructureMode.Local && !OperatingSystem.IsWindows())
        {
            if (FindOnPath("redis-server", searchPath) is null)
            {
                missing.Add(Sentence("redis-server was not found on PATH", "redis-server"));
            }

            if (PostgresBinaries.Find(searchPath, postgresInstallRoot) is null)
            {
                missing.Add(Sentence($"PostgreSQL's initdb and postgres were found neither on PATH nor under {postgresInstallRoot}/*/bin", "postgresql"));
            }

            if (asRoot && PostgresBinaries.RunAsPostgresUser(searchPath) is null)
            {
                missing.Add(Sentence("PostgreSQL refuses to run as root, and neither setpriv nor runuser was found on PATH to run it as the postgres user", "util-linux"));
            }

            if (asRoot && !PostgresBinaries.PostgresUserExists())
            {
                missing.Add(Sentence("PostgreSQL refuses to run as root, and there is no postgres user to run it as", "postgresql"));
            }
        }

        if (runsWeb && FindOnPath("npm", searchPath) is null)
        {
            missing.Add(Sentence("npm was not found on PATH", "nodejs npm"));
        }

        return missing;
    }

    public static string Sentence(string problem, string packages) =>
        $"{problem}: install it with `sudo apt-get install -y {packages}` (or run eng/prereqs.sh).";

    /// <summary>The full path of an executable file on the search path, like the shell finds it.</summary>
    public static string? FindOnPath(string name, string? searchPath)
    {
        string[] names = OperatingSystem.IsWindows() ? [name + ".cmd", name + ".exe", name] : [name];
        foreach (var directory in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in names.Select(file => Path.Combine(directory, file)))
            {
                if (IsExecutableFile(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static bool IsExecutableFile(string path) =>
        File.Exists(path) &&
        (OperatingSystem.IsWindows() ||
         (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
