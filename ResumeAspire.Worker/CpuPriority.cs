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
/// With the kernel's session autogroups on (Debian's default) the scheduler shares the CPU between
/// sessions first, and nice values only rank the threads within one. DCP starts the Api, the
/// Worker and the dashboard in one session, so the CPU the Worker took still counted against the
/// Api's share (bench/README.md, 2026-12-07: enqueues 2,232/s with autogroups on, 3,061/s off).
/// The Worker therefore leaves for a session of its own and gives its autogroup the same nice value.
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

        LeaveSharedAutogroup(nice, services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CpuPriority)));

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

    /// <summary>
    /// Moves the process to a session, and so an autogroup, of its own at <paramref name="nice"/>,
    /// when autogroups are on. It stays where it is when it has a controlling terminal (a developer's
    /// <c>dotnet run</c>: Ctrl+C must still reach it) or leads its process group (setsid would fail).
    /// </summary>
    private static void LeaveSharedAutogroup(int nice, ILogger logger)
    {
        if (!File.Exists(AutogroupSwitch) || File.ReadAllText(AutogroupSwitch).Trim() != "1")
        {
            return;
        }

        var processId = Environment.ProcessId;
        var stat = StatOf(processId);
        if (stat.Session != processId)
        {
            if (stat.Terminal != 0 || stat.Group == processId)
            {
                logger.LogInformation("Kernel autogroups are on, but the Worker keeps its session (it has a terminal or leads its process group): Worker:Nice ranks it only within that session");
                return;
            }

            if (SetSid() < 0)
            {
                logger.LogWarning("setsid failed with errno {Errno}: Worker:Nice ranks the Worker only within its session", Marshal.GetLastPInvokeError());
                return;
            }
        }

        try
        {
            File.WriteAllText("/proc/self/autogroup", nice.ToString(CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not set the Worker's autogroup to nice {Nice}: {Reason}", nice, e.Message);
        }
    }

    /// <summary>The session id of a process.</summary>
    public static int SessionOf(int processId) => StatOf(processId).Session;

    /// <summary>The controlling terminal of a process (tty_nr): 0 when it has none.</summary>
    public static int ControllingTerminalOf(int processId) => StatOf(processId).Terminal;

    // Fields 5–7 of the stat line: process group, session, tty_nr.
    private static (int Group, int Session, int Terminal) StatOf(int processId)
    {
        var fields = StatFields(File.ReadAllText($"/proc/{processId}/stat"));
        return (int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture), int.Parse(fields[4], CultureInfo.InvariantCulture));
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

        return int.Parse(StatFields(stat)[16], CultureInfo.InvariantCulture);
    }

    // The fields after the command name, which may hold spaces, in parentheses: state (field 3) first.
    private static string[] StatFields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

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

    private const string AutogroupSwitch = "/proc/sys/kernel/sched_autogroup_enabled";

    [DllImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static extern int SetSid();

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
