using System.Runtime.InteropServices;

namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>
/// A worker as its own OS process (the TestWorker build: the real Worker with the scripted
/// tailor), so a test can SIGKILL it mid-job or SIGTERM it like an orchestrator would.
/// </summary>
internal sealed partial class WorkerProcess : IDisposable
{
    private const int SigTerm = 15;
    private readonly ServerProcess _process;

    private WorkerProcess(ServerProcess process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => _process.Output;

    public Task<bool> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    /// <summary>Starts a worker and returns once its consumer is reading the stream.</summary>
    public static async Task<WorkerProcess> StartAsync(IDictionary<string, string> environment)
    {
        var env = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Information",
        };
        var process = ServerProcess.Start("dotnet", [TestWorkerDll()], env);
        try
        {
            await process.WaitForOutputAsync("reading resume:jobs", TimeSpan.FromSeconds(60));
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return new WorkerProcess(process);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM: the graceful stop an orchestrator sends.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, SigTerm);
        }
    }

    public void Dispose() => _process.Dispose();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    // tests/ResumeAspire.IntegrationTests/bin/<Configuration>/net10.0/ → tests/ResumeAspire.TestWorker/bin/<Configuration>/net10.0/
    private static string TestWorkerDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var testsDir = testBin.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(testsDir, "ResumeAspire.TestWorker", "bin", configuration, framework, "ResumeAspire.TestWorker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/ResumeAspire.TestWorker first.", dll);
    }
}
