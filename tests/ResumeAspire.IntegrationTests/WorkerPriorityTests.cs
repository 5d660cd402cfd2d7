using System.Globalization;
using ResumeAspire.IntegrationTests.Infrastructure;
using ResumeAspire.Worker;

namespace ResumeAspire.IntegrationTests;

/// <summary>The Worker as its own process runs below the Api's CPU priority (Worker:Nice).</summary>
[Collection(FaultCollection.Name)]
public sealed class WorkerPriorityTests(FaultFixture system)
{
    [Fact]
    public async Task Every_thread_of_a_worker_process_runs_at_the_configured_nice_value_also_those_started_for_jobs()
    {
        var settings = system.WorkerSettings.ToDictionary();
        settings["Worker__Nice"] = "7";
        using var worker = await WorkerProcess.StartAsync(settings);

        // A job makes the process start more threads (thread pool, Npgsql, the renderer): they must inherit it.
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var jobId = await user.EnqueueAsync(candidateId, JobRequests.NewRef());
        var final = (await user.WaitForFinalAsync(jobId, TimeSpan.FromSeconds(60)))[^1];
        Assert.Equal("COMPLETED", final.Status());

        var threads = Directory.EnumerateDirectories($"/proc/{worker.Id}/task")
            .Select(task => int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture))
            .Select(thread => (Thread: thread, Nice: CpuPriority.NiceOf(worker.Id, thread)))
            .Where(t => t.Nice is not null)
            .ToList();
        Assert.True(threads.Count > 10, $"only {threads.Count} threads seen");
        Assert.All(threads, t => Assert.True(t.Nice == 7, $"thread {t.Thread} runs at nice {t.Nice}\n{worker.Output}"));

        // With kernel autogroups on, thread nice values rank threads only within one session: the
        // worker leaves the test's session (it does not lead its process group) and its autogroup
        // runs at the same nice value. With them off, or with a terminal to keep (tests run from a
        // developer's shell), it stays.
        const string AutogroupSwitch = "/proc/sys/kernel/sched_autogroup_enabled";
        var autogroups = File.Exists(AutogroupSwitch) && File.ReadAllText(AutogroupSwitch).Trim() == "1";
        if (autogroups && CpuPriority.ControllingTerminalOf(Environment.ProcessId) == 0)
        {
            Assert.Equal(worker.Id, CpuPriority.SessionOf(worker.Id));
            Assert.EndsWith("nice 7", File.ReadAllText($"/proc/{worker.Id}/autogroup").Trim());
        }
        else
        {
            Assert.Equal(CpuPriority.SessionOf(Environment.ProcessId), CpuPriority.SessionOf(worker.Id));
        }
    }
}
