using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ResumeAspire.LoadGenerator;

public sealed record ReportInput(
    Options Options,
    DateTimeOffset StartedAt,
    SetupSummary Setup,
    Recorder Recorder,
    ProcessSampler Processes,
    QueueSampler? Queue,
    double WindowStart,
    double WindowEnd,
    double LoadgenCpuSeconds,
    double LoadAverageStart,
    double LoadAverageEnd,
    int VirtualUsers);

public sealed record LatencySummary(long Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static LatencySummary From(Histogram h, double scale = 1000.0) =>
        new(h.Count, Round(h.Percentile(50) / scale), Round(h.Percentile(95) / scale), Round(h.Percentile(99) / scale), Round(h.Max / scale), Round(h.Mean / scale));

    private static double Round(double v) => Math.Round(v, v < 10 ? 2 : 1);
}

public sealed record EndpointReport(
    long Requests, double RequestsPerSecond, LatencySummary LatencyMs, SortedDictionary<string, long> Outcomes, long Errors, long Deliberate429, long[] PerSecond);

public sealed record JobsReport(
    long Accepted, double AcceptedPerSecond, long Cached, double CachedShare, long Completed, double CompletedPerSecond,
    long Failed, long Cancelled, long TimedOut, long Rejected429,
    LatencySummary EndToEndObservedMs, LatencySummary EndToEndServerMs, LatencySummary QueueWaitServerMs);

public sealed record WorkerFromRedis(double AckedPerSecond, long BacklogAtStart, long BacklogAtEnd, long MaxBacklog, long MaxPending, long StreamLengthAtEnd, string? Error);

public sealed record ProcessReport(
    int[] Pids, double CpuAvgCores, double CpuMaxCores, double PeakRssMib, double VmHwmMib, double PeakPssMib, List<ProcessSample> Samples);

public sealed record MachineReport(int Cores, double BusyAvgCores, double LoadAverageStart, double LoadAverageEnd, List<MachineSample> Samples);

public sealed record LoadgenReport(double CpuSeconds, double CpuAvgCores, double ShareOfMachine);

public sealed record RunReport(
    string? Label, string Scenario, int Users, int VirtualUsers, double DurationSeconds, double WarmupSeconds, string BaseUrl, DateTimeOffset StartedAt,
    Dictionary<string, object> Settings, SetupSummary Setup, SortedDictionary<string, EndpointReport> Endpoints,
    double TotalRequestsPerSecond, long TotalErrors, JobsReport Jobs, WorkerFromRedis? Worker, List<QueueSample> Queue,
    SortedDictionary<string, ProcessReport> Processes, MachineReport Machine, LoadgenReport Loadgen, LatencySummary? PollScheduleLagMs);

public static class Report
{
    private static readonly JsonSerializerOptions JsonOptions = new(ApiClient.Json) { WriteIndented = true };

    public static string ToJson(RunReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static RunReport Build(ReportInput input)
    {
        var o = input.Options;
        var duration = o.Duration.TotalSeconds;
        var warm = (int)o.Warmup.TotalSeconds;
        var endpoints = new SortedDictionary<string, EndpointReport>(StringComparer.Ordinal);
        foreach (var (name, stats) in input.Recorder.Endpoints)
        {
            var outcomes = new SortedDictionary<string, long>(stats.Outcomes, StringComparer.Ordinal);
            var requests = stats.Latency.Count;
            var deliberate = outcomes.GetValueOrDefault("429");
            var errors = outcomes.Where(kv => !IsSuccess(kv.Key) && kv.Key != "429").Sum(kv => kv.Value);
            var perSecond = stats.Timeline.Skip(warm).Take((int)duration).ToArray();
            if (requests == 0)
            {
                continue;   // set-up only (registration, login, the poll scenario's jobs)
            }

            endpoints[name] = new EndpointReport(requests, Math.Round(requests / duration, 1), LatencySummary.From(stats.Latency), outcomes, errors, deliberate, perSecond);
        }

        var jobs = input.Recorder.Jobs;
        var jobsReport = new JobsReport(
            jobs.Accepted, Math.Round(jobs.Accepted / duration, 1), jobs.Cached, jobs.Accepted == 0 ? 0 : Math.Round((double)jobs.Cached / jobs.Accepted, 3),
            jobs.Completed, Math.Round(jobs.Completed / duration, 1), jobs.Failed, jobs.Cancelled, jobs.TimedOut, jobs.Rejected429,
            LatencySummary.From(jobs.EndToEndObserved), LatencySummary.From(jobs.EndToEndServer), LatencySummary.From(jobs.QueueWaitServer));

        var queue = input.Queue?.Samples ?? [];
        WorkerFromRedis? worker = null;
        if (input.Queue is not null)
        {
            var inWindow = queue.Where(s => s.T >= input.WindowStart - 0.5 && s.T <= input.WindowEnd + 0.5).ToList();
            if (inWindow.Count >= 2)
            {
                var first = inWindow[0];
                var last = inWindow[^1];
                worker = new WorkerFromRedis(
                    Math.Round((last.Acked - first.Acked) / Math.Max(0.001, last.T - first.T), 1),
                    first.Lag + first.Pending, last.Lag + last.Pending, inWindow.Max(s => s.Lag + s.Pending), inWindow.Max(s => s.Pending),
                    last.Length, input.Queue.Error);
            }
            else
            {
                worker = new WorkerFromRedis(0, 0, 0, 0, 0, 0, input.Queue.Error ?? "no queue samples");
            }
        }

        var processes = new SortedDictionary<string, ProcessReport>(StringComparer.Ordinal);
        foreach (var (name, samples, pids) in input.Processes.Results)
        {
            var inWindow = samples.Where(s => s.T > input.WindowStart && s.T <= input.WindowEnd + 0.5).ToList();
            processes[name] = new ProcessReport(
                [.. pids],
                inWindow.Count == 0 ? 0 : Math.Round(inWindow.Average(s => s.Cpu), 3),
                inWindow.Count == 0 ? 0 : Math.Round(inWindow.Max(s => s.Cpu), 3),
                samples.Count == 0 ? 0 : samples.Max(s => s.RssMib),
                samples.Count == 0 ? 0 : samples.Max(s => s.HwmMib),
                samples.Count == 0 ? 0 : samples.Max(s => s.PssMib),
                [.. samples]);
        }

        var machineSamples = input.Processes.Machine;
        var machineWindow = machineSamples.Where(s => s.T > input.WindowStart && s.T <= input.WindowEnd + 0.5).ToList();
        var machine = new MachineReport(ProcessSampler.Cores, machineWindow.Count == 0 ? 0 : Math.Round(machineWindow.Average(s => s.BusyCores), 3),
            input.LoadAverageStart, input.LoadAverageEnd, machineSamples);
        var loadgenCores = input.LoadgenCpuSeconds / duration;
        var loadgen = new LoadgenReport(Math.Round(input.LoadgenCpuSeconds, 2), Math.Round(loadgenCores, 3), Math.Round(loadgenCores / ProcessSampler.Cores, 3));

        var settings = new Dictionary<string, object>
        {
            ["poll_interval_s"] = o.PollInterval.TotalSeconds,
            ["my_jobs_every"] = o.MyJobsEvery,
            ["repeat_ratio"] = o.RepeatRatio,
            ["file_type"] = o.FileType,
            ["think_s"] = o.Think.TotalSeconds,
            ["timeout_s"] = o.Timeout.TotalSeconds,
            ["redis"] = o.Redis ?? "",
        };

        return new RunReport(o.Label, o.Scenario.ToString().ToLowerInvariant(), o.Users, input.VirtualUsers, duration, o.Warmup.TotalSeconds,
            o.BaseUrl.ToString(), input.StartedAt, settings, input.Setup, endpoints,
            Math.Round(endpoints.Values.Sum(e => e.Requests) / duration, 1), endpoints.Values.Sum(e => e.Errors),
            jobsReport, worker, queue, processes, machine, loadgen,
            input.Recorder.ScheduleLag.Count == 0 ? null : LatencySummary.From(input.Recorder.ScheduleLag));
    }

    public static string Table(RunReport r)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"### {r.Label ?? r.Scenario}: scenario `{r.Scenario}`, {r.VirtualUsers} virtual users, {r.DurationSeconds:0} s measured after {r.WarmupSeconds:0} s warm-up");
        sb.AppendLine();
        sb.AppendLine(c, $"Started {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC; load average {r.Machine.LoadAverageStart} at the start, {r.Machine.LoadAverageEnd} at the end; machine busy {r.Machine.BusyAvgCores:0.00} of {r.Machine.Cores} cores on average.");
        sb.AppendLine();
        sb.AppendLine("| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | status codes |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (name, e) in r.Endpoints)
        {
            var codes = string.Join(", ", e.Outcomes.Select(kv => $"{kv.Key}: {kv.Value}"));
            sb.AppendLine(c, $"| {name} | {e.Requests} | {e.RequestsPerSecond:0.0} | {e.LatencyMs.P50} | {e.LatencyMs.P95} | {e.LatencyMs.P99} | {e.LatencyMs.Max} | {codes} |");
        }

        sb.AppendLine(c, $"| **all** | {r.Endpoints.Values.Sum(e => e.Requests)} | {r.TotalRequestsPerSecond:0.0} | | | | | errors (not 2xx, not 429): {r.TotalErrors} |");
        sb.AppendLine();

        var j = r.Jobs;
        sb.AppendLine(c, $"Jobs: accepted {j.Accepted} ({j.AcceptedPerSecond:0.0}/s), of which cached {j.Cached} ({j.CachedShare:P1}); completed and seen {j.Completed} ({j.CompletedPerSecond:0.0}/s); failed {j.Failed}, cancelled {j.Cancelled}, timed out {j.TimedOut}; enqueue 429s {j.Rejected429}.");
        if (j.EndToEndServerMs.Count > 0)
        {
            sb.AppendLine(c, $"End-to-end (not cached, {j.EndToEndServerMs.Count} jobs): server created→completed p50 {j.EndToEndServerMs.P50} ms, p99 {j.EndToEndServerMs.P99} ms, max {j.EndToEndServerMs.Max} ms; " +
                $"queue wait p50 {j.QueueWaitServerMs.P50} ms, p99 {j.QueueWaitServerMs.P99} ms; as the client saw it (enqueue sent → COMPLETED polled, {r.Settings["poll_interval_s"]} s polls) p50 {j.EndToEndObservedMs.P50} ms, p99 {j.EndToEndObservedMs.P99} ms.");
        }

        if (r.Worker is { } w)
        {
            sb.AppendLine(c, $"Queue (Redis): worker acknowledged {w.AckedPerSecond:0.0} jobs/s; backlog (lag + pending) {w.BacklogAtStart} at the start, {w.BacklogAtEnd} at the end, max {w.MaxBacklog}; max pending {w.MaxPending}; XLEN at the end {w.StreamLengthAtEnd}{(w.Error is null ? "" : $" (sampling error: {w.Error})")}.");
        }

        if (r.PollScheduleLagMs is { } lag)
        {
            sb.AppendLine(c, $"Poll schedule lag (load generator saturation): p50 {lag.P50} ms, p99 {lag.P99} ms, max {lag.Max} ms.");
        }

        sb.AppendLine();
        sb.AppendLine("| process | pids | CPU avg (cores) | CPU max | peak RSS MiB | VmHWM MiB | peak PSS MiB |");
        sb.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, p) in r.Processes)
        {
            var pids = p.Pids.Length > 4 ? $"{p.Pids.Length} processes" : string.Join(" ", p.Pids);
            sb.AppendLine(c, $"| {name} | {pids} | {p.CpuAvgCores:0.00} | {p.CpuMaxCores:0.00} | {p.PeakRssMib:0} | {p.VmHwmMib:0} | {p.PeakPssMib:0} |");
        }

        sb.AppendLine(c, $"| machine (all) | | {r.Machine.BusyAvgCores:0.00} | | | | |");
        sb.AppendLine();
        sb.AppendLine("RSS and VmHWM of a group are sums over its processes (PostgreSQL's shared buffers count once per backend); PSS shares shared pages out and adds up correctly.");
        sb.AppendLine();
        sb.AppendLine(c, $"Load generator: {r.Loadgen.CpuSeconds:0.0} CPU-s in the window = {r.Loadgen.CpuAvgCores:0.00} cores ({r.Loadgen.ShareOfMachine:P0} of the machine).");
        if (r.Setup.Failures.Count > 0)
        {
            sb.AppendLine(c, $"Setup failures ({r.Setup.Requested - r.Setup.Ready}): {string.Join("; ", r.Setup.Failures)}");
        }

        return sb.ToString();
    }

    private static bool IsSuccess(string outcome) => outcome.Length == 3 && outcome[0] == '2';
}
