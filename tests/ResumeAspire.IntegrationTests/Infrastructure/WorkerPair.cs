namespace ResumeAspire.IntegrationTests.Infrastructure;

/// <summary>Two worker processes, so a test can harm the one holding a job and watch the other take over.</summary>
internal sealed class WorkerPair(WorkerProcess first, WorkerProcess second) : IDisposable
{
    public static async Task<WorkerPair> StartAsync(SystemFixture system)
    {
        var workers = await Task.WhenAll(system.StartWorkerProcessAsync(), system.StartWorkerProcessAsync());
        return new WorkerPair(workers[0], workers[1]);
    }

    /// <summary>The worker with this process id, and the other one.</summary>
    public (WorkerProcess Holder, WorkerProcess Other) Split(int holderProcessId) =>
        holderProcessId == first.Id ? (first, second)
        : holderProcessId == second.Id ? (second, first)
        : throw new InvalidOperationException($"Process {holderProcessId} is neither worker.");

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }
}
