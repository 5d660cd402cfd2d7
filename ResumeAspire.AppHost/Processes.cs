using System.ComponentModel;
using System.Diagnostics;

namespace ResumeAspire.AppHost;

/// <summary>Runs short helper commands (docker info, initdb, chown) while the model is built.</summary>
internal static class Processes
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    /// <summary>Runs a command to completion; exit code -1 when it cannot start or times out.</summary>
    public static Result Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)!;
        }
        catch (Win32Exception e)
        {
            return new Result(-1, e.Message);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                // A container CLI whose engine hangs must not hang the app host.
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new Result(-1, $"{fileName} did not answer within {timeout.TotalSeconds:0} s");
            }

            return new Result(process.ExitCode, (stdout.Result + stderr.Result).Trim());
        }
    }
}
