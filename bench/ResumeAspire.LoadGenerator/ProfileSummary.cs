using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ResumeAspire.LoadGenerator;

/// <summary>
/// <c>profile --speedscope FILE</c>: reads dotnet-trace's speedscope export of a
/// dotnet-sampled-thread-time trace and prints where the CPU went: only time whose leaf is the
/// sampler's CPU_TIME pseudo-frame counts (UNMANAGED_CODE_TIME is native code or waiting, which the
/// EventPipe sampler cannot tell apart). "self" is the frame just above CPU_TIME; "inclusive"
/// counts a frame once per sample however often it recurs. Frames are grouped by method.
/// </summary>
public static class ProfileSummary
{
    public static string Build(string file, int top)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        var frames = doc.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();
        var self = new Dictionary<int, double>();
        var inclusive = new Dictionary<int, double>();
        var unmanaged = new Dictionary<int, double>();
        double cpuTotal = 0, unmanagedTotal = 0, wall = 0;
        var threads = 0;
        foreach (var profile in doc.RootElement.GetProperty("profiles").EnumerateArray())
        {
            if (profile.GetProperty("type").GetString() != "evented")
            {
                continue;
            }

            threads++;
            var stack = new List<int>();
            double last = 0;
            foreach (var e in profile.GetProperty("events").EnumerateArray())
            {
                var at = e.GetProperty("at").GetDouble();
                var dt = at - last;
                if (stack.Count > 0 && dt > 0)
                {
                    wall += dt;
                    var leaf = frames[stack[^1]];
                    if (leaf == "CPU_TIME")
                    {
                        cpuTotal += dt;
                        if (stack.Count > 1)
                        {
                            Add(self, stack[^2], dt);
                        }

                        foreach (var f in stack.Distinct())
                        {
                            Add(inclusive, f, dt);
                        }
                    }
                    else if (leaf == "UNMANAGED_CODE_TIME")
                    {
                        unmanagedTotal += dt;
                        if (stack.Count > 1)
                        {
                            Add(unmanaged, stack[^2], dt);
                        }
                    }
                }

                last = at;
                var frame = e.GetProperty("frame").GetInt32();
                if (e.GetProperty("type").GetString() == "O")
                {
                    stack.Add(frame);
                }
                else if (stack.Count > 0)
                {
                    var at2 = stack.LastIndexOf(frame);
                    stack.RemoveRange(at2 < 0 ? stack.Count - 1 : at2, stack.Count - (at2 < 0 ? stack.Count - 1 : at2));
                }
            }
        }

        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"{Path.GetFileName(file)}: {threads} threads; managed CPU samples {cpuTotal / 1000:0.0} s, unmanaged or waiting {unmanagedTotal / 1000:0.0} s (thread time, not CPU time).");
        sb.AppendLine();
        // Thread-pool threads spinning before they block, and GC suspension, show as managed time too.
        string[] idle = ["LowLevelLifoSemaphore", "WorkerThreadStart", "PollGC", "SpinWait", "SpinOnce", "WaitHandle.Wait", "ManualResetEventSlim.Wait", "LowLevelSpinWaiter", "Thread.Sleep"];
        var idleMs = self.Where(kv => idle.Any(i => frames[kv.Key].Contains(i, StringComparison.Ordinal))).Sum(kv => kv.Value);
        var unresolved = self.Where(kv => Trim(frames[kv.Key]) == "?").Sum(kv => kv.Value);
        var busy = Math.Max(1, cpuTotal - idleMs);
        sb.AppendLine(c, $"Of the managed samples {idleMs / cpuTotal:P1} are idle thread-pool spinning or GC suspension and {unresolved / cpuTotal:P1} unresolved frames (\"?\").");
        sb.AppendLine(c, $"Top {top} methods by self time (CPU_TIME directly below them), share of the managed samples that are not idle:");
        foreach (var (frame, ms) in self.Where(kv => !idle.Any(i => frames[kv.Key].Contains(i, StringComparison.Ordinal)))
                     .OrderByDescending(kv => kv.Value).Take(top))
        {
            sb.AppendLine(c, $"  {ms / busy,6:P1}  {Trim(frames[frame])}");
        }

        sb.AppendLine();
        sb.AppendLine(c, $"Top {top} application and library methods by inclusive managed samples, share of the non-idle ones (ResumeAspire, Npgsql, EF Core, StackExchange.Redis, OpenTelemetry, ASP.NET Core, System.Text.Json, Identity):");
        string[] interesting = ["ResumeAspire.", "Npgsql.", "Microsoft.EntityFrameworkCore.", "StackExchange.Redis.", "OpenTelemetry.", "Microsoft.AspNetCore.", "System.Text.Json.", "Microsoft.Extensions.Identity", "System.Security.Cryptography."];
        foreach (var (frame, ms) in inclusive.Where(kv => interesting.Any(p => frames[kv.Key].Contains(p, StringComparison.Ordinal)))
                     .OrderByDescending(kv => kv.Value).Take(top))
        {
            sb.AppendLine(c, $"  {ms / busy,6:P1}  {Trim(frames[frame])}");
        }

        return sb.ToString();
    }

    private static void Add(Dictionary<int, double> map, int key, double value) =>
        map[key] = map.GetValueOrDefault(key) + value;

    private static string Trim(string name)
    {
        // "Module!Namespace.Type.Method(args)" → drop the module and the argument list.
        var bang = name.IndexOf('!', StringComparison.Ordinal);
        if (bang >= 0)
        {
            name = name[(bang + 1)..];
        }

        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            name = name[..paren];
        }

        return name.Length > 160 ? name[..160] : name;
    }
}
