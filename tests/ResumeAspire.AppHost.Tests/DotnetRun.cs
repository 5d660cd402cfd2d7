using System.Diagnostics;

namespace ResumeAspire.AppHost.Tests;

/// <summary>Runs the built app host as a user does (<c>dotnet run --project ResumeAspire.AppHost -- …</c>).</summary>
internal static class DotnetRun
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static string AppHostProjectPath => Projects.ResumeAspire_AppHost.ProjectPath;

    public static async Task<Result> AppHostAsync(IEnumerable<string> appHostArguments, IDictionary<string, string>? environment = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var startInfo = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test build has already built the app host (a project reference), in this configuration.
        foreach (var argument in new[] { "run", "--no-build", "--configuration", Configuration, "--project", AppHostProjectPath, "--" }.Concat(appHostArguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet run {string.Join(' ', appHostArguments)} did not finish in 2 minutes");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
