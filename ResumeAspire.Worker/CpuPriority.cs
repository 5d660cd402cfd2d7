using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace ResumeAspire.Worker;

/// <summary>
/// Runs the Worker's threads at a lower CPU priority (a higher Linux nice value) than the Api's.
/// Where both share cores (local mode, one VM), the Worker drains the queue with whatever CPU the
/// Api's requests leave, instead of taking half of it from them while a backlog waits. On
/// machines of their own it changes nothing: nice only orders threads that compete for one CPU,
/// and a container's nice is relative to the others in its own cgroup only.
/// </summary>
public static class CpuPriority
{
    private const int PrioProcess = 0;

    /// <summary>
    /// Raises the nice value of every thread this process has to <see cref="WorkerOptions.Nice"/>.
    /// Threads started later inherit it from the thread that starts them. It runs in the Worker's
    /// Main, so a test host that runs that Main in its own process sets Worker:Nice to 0.
    /// </summary>
    public static void Apply(IServiceProvider services)
    {
        var nice = services.GetRequiredService<IOptions<WorkerOptions>>().Value.Nice;
        if (!OperatingSystem.IsLinux() || nice == 0)
        {
            return;
        }

        // A thread may start another while the list is being walked; its child inherits the old value
        // and is not in the list. Walk again until a pass finds every thread already there: from then
        // on every thread that starts one passes the new value on.
        bool changed;
        do
        {
            changed = false;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                var threadId = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                // Never lower it: a Worker started under `nice -n 19` stays there (and only root may lower a nice value).
                if (NiceOf(Environment.ProcessId, threadId) is { } current && current < nice)
                {
                    SetNice(threadId, nice);
                    changed = true;
                }
            }
        }
        while (changed);
    }

    /// <summary>A thread's nice value from /proc (field 19 of its stat line), or null once it has exited.</summary>
    public static int? NiceOf(int processId, int threadId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/task/{threadId}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The fields after the command name, which may hold spaces, in parentheses: state is field 3, nice field 19.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }

    private static void SetNice(int threadId, int nice)
    {
        // Linux keeps a nice value per thread: PRIO_PROCESS with a thread id sets that thread's alone.
        if (SetPriority(PrioProcess, threadId, nice) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            // ESRCH: the thread exited meanwhile.
            if (error != 3)
            {
                throw new InvalidOperationException($"setpriority({threadId}, {nice}) failed with errno {error}.");
            }
        }
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
