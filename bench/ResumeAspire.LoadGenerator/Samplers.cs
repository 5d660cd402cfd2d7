using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace ResumeAspire.LoadGenerator;

/// <summary>One second of one process group: CPU in cores (1.0 = one core busy) and memory in MiB.</summary>
public sealed record ProcessSample(double T, double Cpu, double RssMib, double HwmMib, double PssMib, int Processes);

public sealed record QueueSample(double T, long Length, long Pending, long Lag, long Delayed, long EntriesRead, long Acked);

public sealed record MachineSample(double T, double BusyCores, double LoadAverage1);

/// <summary>
/// Reads /proc every second: per process group (Api, Worker, PostgreSQL, Redis, …) the CPU time
/// used since the last sample, VmRSS and VmHWM; the whole machine's busy time from /proc/stat; and
/// this process's own CPU time (it shares the cores with the system it measures). PSS only every
/// <see cref="PssEvery"/> samples: smaps_rollup walks every page table of the process (each
/// PostgreSQL backend maps all of shared_buffers), and read every second for all groups it was a
/// quarter of the load generator's CPU, taken from the cores it measures.
/// </summary>
public sealed class ProcessSampler
{
    private const double ClockTicks = 100.0;   // USER_HZ: 100 on every Linux x86-64 kernel
    private const int PssEvery = 5;
    private int _samples;

    private readonly List<Group> _groups;
    private readonly Stopwatch _clock;
    private (long Busy, long Total) _lastMachine;
    private double _lastT;

    public ProcessSampler(IEnumerable<ProcessGroupSpec> specs, Stopwatch clock)
    {
        _groups = specs.Select(s => new Group(s)).ToList();
        _clock = clock;
        var self = new Group(new ProcessGroupSpec("loadgen", "", null)) { Pids = [Environment.ProcessId], Fixed = true };
        self.SeenPids.Add(Environment.ProcessId);
        _groups.Add(self);
    }

    public IReadOnlyList<(string Name, IReadOnlyList<ProcessSample> Samples, IReadOnlyList<int> Pids)> Results =>
        _groups.Select(g => (g.Spec.Name, (IReadOnlyList<ProcessSample>)g.Samples, (IReadOnlyList<int>)g.SeenPids.ToList())).ToList();

    public List<MachineSample> Machine { get; } = [];

    public static int Cores => Environment.ProcessorCount;

    public async Task RunAsync(CancellationToken ct)
    {
        var rescan = 0;
        Sample(discover: true);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                // PostgreSQL starts a backend per new connection: look for new processes every 5 s.
                Sample(discover: ++rescan % 5 == 0);
            }
        }
        catch (OperationCanceledException)
        {
        }

        Sample(discover: false);
    }

    private void Sample(bool discover)
    {
        if (discover)
        {
            Discover();
        }

        var t = _clock.Elapsed.TotalSeconds;
        var dt = t - _lastT;
        var readPss = _samples++ % PssEvery == 0;
        foreach (var group in _groups)
        {
            long ticks = 0;
            double rss = 0, hwm = 0, pss = 0;
            var alive = 0;
            foreach (var pid in group.Pids)
            {
                if (ReadProcess(pid) is not { } p)
                {
                    continue;
                }

                alive++;
                ticks += p.Ticks - group.LastTicks.GetValueOrDefault(pid, p.Ticks);
                group.LastTicks[pid] = p.Ticks;
                rss += p.RssKiB / 1024.0;
                hwm += p.HwmKiB / 1024.0;
                if (readPss)
                {
                    pss += Pss(pid) / 1024.0;
                }
            }

            // Between two reads a sample carries the last PSS forward.
            pss = readPss ? pss : group.LastPssMib;
            group.LastPssMib = pss;

            if (_lastT > 0)
            {
                group.Samples.Add(new ProcessSample(Math.Round(t, 2), Math.Round(ticks / ClockTicks / dt, 3), Math.Round(rss, 1), Math.Round(hwm, 1), Math.Round(pss, 1), alive));
            }
        }

        var machine = ReadMachine();
        if (_lastT > 0 && machine.Total > _lastMachine.Total)
        {
            var busy = (double)(machine.Busy - _lastMachine.Busy) / (machine.Total - _lastMachine.Total) * Cores;
            Machine.Add(new MachineSample(Math.Round(t, 2), Math.Round(busy, 3), LoadAverage()));
        }

        _lastMachine = machine;
        _lastT = t;
    }

    private void Discover()
    {
        var all = Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : -1)
            .Where(pid => pid > 0 && pid != Environment.ProcessId)
            .ToList();
        foreach (var group in _groups.Where(g => !g.Fixed))
        {
            var found = new List<int>();
            if (group.TreeRoot is { } root)
            {
                // tree:PID: that process and its children (the postmaster and its backends).
                found.AddRange(all.Where(pid => pid == root || ParentOf(pid) == root));
                group.Pids = found;
                group.SeenPids.UnionWith(found);
                continue;
            }

            foreach (var pid in all)
            {
                var cmdline = ReadText($"/proc/{pid}/cmdline")?.Replace('\0', ' ').Trim();
                if (string.IsNullOrEmpty(cmdline) || !group.Pattern.IsMatch(cmdline))
                {
                    continue;
                }

                if (group.Spec.Environment is { } env && ReadText($"/proc/{pid}/environ") is { } environ
                    && !environ.Split('\0').Any(e => e.Contains(env, StringComparison.Ordinal)))
                {
                    continue;
                }

                found.Add(pid);
            }

            group.Pids = found;
            foreach (var pid in found)
            {
                group.SeenPids.Add(pid);
            }
        }
    }

    /// <summary>utime + stime of a process from /proc/PID/stat ("self" for this one), in seconds.</summary>
    public static double CpuSeconds(string pid = "self")
    {
        var stat = ReadText($"/proc/{pid}/stat");
        if (stat is null)
        {
            return 0;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicks;
    }

    public IReadOnlyList<int> PidsOf(string name) => _groups.FirstOrDefault(g => g.Spec.Name == name)?.Pids ?? [];

    private static int ParentOf(int pid)
    {
        var stat = ReadText($"/proc/{pid}/stat");
        return stat is null ? -1 : int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static (long Ticks, long RssKiB, long HwmKiB)? ReadProcess(int pid)
    {
        var stat = ReadText($"/proc/{pid}/stat");
        var status = ReadText($"/proc/{pid}/status");
        if (stat is null || status is null)
        {
            return null;
        }

        // Fields after the command name (which may hold spaces) in parentheses: utime is the 14th field, stime the 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (ticks, StatusKiB(status, "VmRSS:"), StatusKiB(status, "VmHWM:"));
    }

    /// <summary>Proportional set size (shared pages divided among their users) from smaps_rollup.</summary>
    private static long Pss(int pid) => ReadText($"/proc/{pid}/smaps_rollup") is { } rollup ? StatusKiB(rollup, "Pss:") : 0;

    private static long StatusKiB(string status, string key)
    {
        var at = status.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var end = status.IndexOf('\n', at);
        var value = status[(at + key.Length)..(end < 0 ? status.Length : end)].Replace("kB", "", StringComparison.Ordinal).Trim();
        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib) ? kib : 0;
    }

    private static (long Busy, long Total) ReadMachine()
    {
        var line = ReadText("/proc/stat")?.Split('\n')[0];
        if (line is null)
        {
            return (0, 0);
        }

        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = values[3] + (values.Length > 4 ? values[4] : 0);      // idle + iowait
        var total = values.Take(8).Sum();                                 // without guest time, already in user
        return (total - idle, total);
    }

    public static double LoadAverage() =>
        double.TryParse(ReadText("/proc/loadavg")?.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var l) ? l : -1;

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed class Group(ProcessGroupSpec spec)
    {
        public ProcessGroupSpec Spec { get; } = spec;
        public Regex Pattern { get; } = new(spec.CommandLinePattern.StartsWith("tree:", StringComparison.Ordinal) ? "^$" : spec.CommandLinePattern, RegexOptions.CultureInvariant);
        public int? TreeRoot { get; } = spec.CommandLinePattern.StartsWith("tree:", StringComparison.Ordinal) ? int.Parse(spec.CommandLinePattern[5..], CultureInfo.InvariantCulture) : null;
        public List<int> Pids { get; set; } = [];
        public HashSet<int> SeenPids { get; } = [];
        public bool Fixed { get; init; }
        public Dictionary<int, long> LastTicks { get; } = [];
        public double LastPssMib { get; set; }
        public List<ProcessSample> Samples { get; } = [];
    }
}

/// <summary>
/// Every second against the system's Redis: XLEN resume:jobs, and from XINFO GROUPS the group
/// resume-workers' pending (delivered, not acknowledged), lag (not yet delivered) and
/// entries-read; ZCARD of the delayed-retry set. Acked = entries-read − pending, so its slope is
/// the worker's completion rate as Redis sees it.
/// </summary>
public sealed class QueueSampler(string endpoint, Stopwatch clock) : IAsyncDisposable
{
    private const string Stream = "resume:jobs";
    private const string Group = "resume-workers";
    private const string Delayed = "resume:jobs:delayed";

    private ConnectionMultiplexer? _redis;

    public List<QueueSample> Samples { get; } = [];

    public string? Error { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            _redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
            {
                EndPoints = { endpoint },
                AbortOnConnectFail = false,
                ConnectTimeout = 3000,
                ClientName = "resume-loadgen",
            });
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Error = e.Message;
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            await SampleAsync();
        }
        while (await WaitAsync(timer, ct));

        await SampleAsync();
    }

    public async Task<QueueSample?> SampleAsync()
    {
        if (_redis is null)
        {
            return null;
        }

        try
        {
            var db = _redis.GetDatabase();
            var lengthTask = db.StreamLengthAsync(Stream);
            var groupsTask = db.ExecuteAsync("XINFO", "GROUPS", Stream);
            var delayedTask = db.SortedSetLengthAsync(Delayed);
            await Task.WhenAll(lengthTask, groupsTask, delayedTask);
            long pending = 0, lag = 0, read = 0;
            if (!groupsTask.Result.IsNull && groupsTask.Result.Resp2Type == ResultType.Array)
            {
                foreach (var g in (RedisResult[])groupsTask.Result!)
                {
                    var fields = ToDictionary(g);
                    if (fields.GetValueOrDefault("name") != Group)
                    {
                        continue;
                    }

                    pending = Long(fields.GetValueOrDefault("pending"));
                    lag = Long(fields.GetValueOrDefault("lag"));
                    read = Long(fields.GetValueOrDefault("entries-read"));
                }
            }

            var sample = new QueueSample(Math.Round(clock.Elapsed.TotalSeconds, 2), lengthTask.Result, pending, lag, delayedTask.Result, read, read - pending);
            Samples.Add(sample);
            return sample;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Error = e.Message;
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Dictionary<string, string?> ToDictionary(RedisResult result)
    {
        var items = (RedisResult[])result!;
        var map = new Dictionary<string, string?>();
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            map[items[i].ToString()] = items[i + 1].IsNull ? null : items[i + 1].ToString();
        }

        return map;
    }

    private static long Long(string? value) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
