using System.Diagnostics;

namespace ResumeAspire.UnitTests;

/// <summary>
/// Runs the real document tools (LibreOffice, poppler). A missing tool fails the test with the
/// package to install instead of skipping it: a green run must mean the files were really checked.
/// </summary>
internal static class ExternalTool
{
    public const string Prerequisites = "eng/prereqs.sh installs it";

    public static ToolResult Run(string tool, string package, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var path = Find(tool)
            ?? throw new Xunit.Sdk.XunitException($"'{tool}' is not on PATH. The document tests need the real tool: install the Debian package '{package}' ({Prerequisites}).");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException($"Could not start {path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{tool} did not finish within {timeout.TotalSeconds:0} s.");
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>Runs the tool and fails the test unless it exits with 0; returns its standard output.</summary>
    public static string Output(string tool, string package, params string[] arguments)
    {
        var result = Run(tool, package, arguments, TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"{tool} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.StandardError}");
        }

        return result.StandardOutput;
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}

public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);
