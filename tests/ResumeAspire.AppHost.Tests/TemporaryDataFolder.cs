using System.Diagnostics;

namespace ResumeAspire.AppHost.Tests;

/// <summary>
/// A fresh Infrastructure:DataPath for one app host run. On dispose it makes sure no process that
/// works in it (postgres, redis-server) outlives the test, then deletes it.
/// </summary>
internal sealed class TemporaryDataFolder : IDisposable
{
    public TemporaryDataFolder()
    {
        // Not Directory.CreateTempSubdirectory: its 0700 folder would keep the postgres user out.
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"resumeaspire-apphost-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Processes that work in this folder or name it on their command line.</summary>
    public IReadOnlyList<int> ProcessesUsingIt()
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                // redis-server rewrites its command line to "redis-server 127.0.0.1:port"; its working directory stays.
                var commandLine = File.ReadAllText(System.IO.Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var workingDirectory = new DirectoryInfo(System.IO.Path.Combine(directory, "cwd")).LinkTarget ?? "";
                if (commandLine.Contains(Path, StringComparison.Ordinal) || workingDirectory.StartsWith(Path, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>Waits for the app host's shutdown to finish; returns what is still running then.</summary>
    public async Task<IReadOnlyList<int>> WaitUntilUnusedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<int> left;
        while ((left = ProcessesUsingIt()).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        return left;
    }

    public void Dispose()
    {
        foreach (var pid in ProcessesUsingIt())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
            }
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
