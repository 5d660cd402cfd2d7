using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ResumeAspire.LoadGenerator;

/// <summary>
/// <c>summarize --dir bench/results/&lt;stamp&gt;</c>: one summary.md from run.json (written by
/// load.sh), reference.json (reference.sh) and every step's JSON, with the targets of issue 12.
/// </summary>
public static class Summary
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Build(string dir)
    {
        var run = Read(Path.Combine(dir, "run.json"));
        var reference = Read(Path.Combine(dir, "reference.json"));
        var steps = Directory.GetFiles(dir, "*-*.json")
            .Where(f => Path.GetFileName(f) is not ("run.json" or "reference.json" or "worker-drain.json"))
            .Where(f => !Path.GetFileName(f).StartsWith("drain-fill", StringComparison.Ordinal))
            .Select(f => (File: f, Json: Read(f)!))
            .Where(s => s.Json?["scenario"] is not null)
            .OrderBy(s => Order((string)s.Json["scenario"]!))
            .ThenBy(s => (int)s.Json["users"]!)
            .ToList();

        var sb = new StringBuilder();
        sb.AppendLine(C, $"# Load test {Path.GetFileName(Path.GetFullPath(dir))}");
        sb.AppendLine();
        if (run is not null)
        {
            sb.AppendLine(C, $"- Command: `{run["command"]}`");
            sb.AppendLine(C, $"- Started {run["started_at"]}; load average (1, 5, 15 min) at the start: {run["load_average_at_start"]}");
            sb.AppendLine(C, $"- Machine: {run["machine"]}; .NET SDK {run["dotnet"]}; commit {Short((string?)run["commit"])} (plus the working tree)");
            sb.AppendLine(C, $"- System: app host in local mode (Release), Web off; load generator driving {run["target"]} ({((int?)run["via_proxy"] == 1 ? "through the app host's proxy" : "the Api's own Kestrel port, not the dev-time DCP proxy")})");
            var permits = (string?)run["enqueue_permits"];
            sb.AppendLine(C, $"- Api limits: {(string.IsNullOrEmpty(permits) ? "defaults (120 enqueues/min, 100 in flight per user)" : $"Limits__EnqueuePermits={permits}, Limits__MaxInFlightPerUser={run["max_in_flight"]}")}");
        }

        double? pgTps = null, xadd = null;
        if (reference is not null)
        {
            pgTps = (double?)reference["pgbench_enqueue_insert"]?["tps"];
            xadd = (double?)reference["redis_xadd"]?["rps"];
            sb.AppendLine();
            sb.AppendLine("## Reference limits (same PostgreSQL and Redis, same run, Worker paused)");
            sb.AppendLine();
            sb.AppendLine("| what | rate | latency |");
            sb.AppendLine("| --- | ---: | --- |");
            sb.AppendLine(C, $"| pgbench, enqueue INSERT (`bench/reference/enqueue.sql`), 16 clients | {pgTps:N0} tps | avg {reference["pgbench_enqueue_insert"]?["latency_avg_ms"]} ms |");
            if ((double?)reference["pgbench_enqueue_insert_prepared"]?["tps"] is { } prepared)
            {
                sb.AppendLine(C, $"| the same INSERT with `-M prepared` (server-side prepared statements), 15 s | {prepared:N0} tps | avg {reference["pgbench_enqueue_insert_prepared"]?["latency_avg_ms"]} ms |");
            }

            sb.AppendLine(C, $"| redis-benchmark `XADD bench:stream * job_id __rand_int__`, 16 clients, -P 1 | {xadd:N0} /s | p50 {reference["redis_xadd"]?["p50_ms"]} ms, p99 {reference["redis_xadd"]?["p99_ms"]} ms |");
            sb.AppendLine(C, $"| redis-benchmark XADD of the Api's 4-field entry | {(double?)reference["redis_xadd_job_entry"]?["rps"]:N0} /s | p50 {reference["redis_xadd_job_entry"]?["p50_ms"]} ms, p99 {reference["redis_xadd_job_entry"]?["p99_ms"]} ms |");
            sb.AppendLine();
            sb.AppendLine(C, $"PostgreSQL: {reference["postgres_settings"]}.");
        }

        sb.AppendLine();
        sb.AppendLine("## Steps");
        sb.AppendLine();
        sb.AppendLine("| step | req/s | enqueue/s (p50 / p99 ms) | status/s (p50 / p99 ms) | download p99 ms | jobs done/s (client / Redis) | e2e p50 / p99 ms | errors | 429 | Api / Worker peak RSS MiB | CPU cores: Api / Worker / PG / Redis / dashboard / loadgen / machine | load avg start → end |");
        sb.AppendLine("| --- | ---: | --- | --- | ---: | --- | --- | ---: | ---: | --- | --- | --- |");
        foreach (var (_, s) in steps)
        {
            var e = s["endpoints"]!;
            string Ep(string name) => e[name] is { } x ? $"{x["requests_per_second"]} ({x["latency_ms"]!["p50"]} / {x["latency_ms"]!["p99"]})" : "–";
            var p = s["processes"]!;
            string Cpu(string name) => p[name] is { } x ? ((double)x["cpu_avg_cores"]!).ToString("0.00", C) : "–";
            string Rss(string name) => p[name] is { } x ? ((double)x["peak_rss_mib"]!).ToString("0", C) : "–";
            var jobs = s["jobs"]!;
            var e2e = jobs["end_to_end_server_ms"]!;
            var worker = s["worker"];
            var n429 = e.AsObject().Sum(kv => (long?)kv.Value!["deliberate429"] ?? 0);
            sb.AppendLine(C, $"| {s["label"]} | {s["total_requests_per_second"]} | {Ep("enqueue")} | {Ep("status")} | {e["download"]?["latency_ms"]?["p99"]?.ToString() ?? "–"} " +
                $"| {jobs["completed_per_second"]} / {worker?["acked_per_second"]?.ToString() ?? "–"} | {((long)e2e["count"]! > 0 ? $"{e2e["p50"]} / {e2e["p99"]}" : "–")} " +
                $"| {s["total_errors"]} | {n429} | {Rss("api")} / {Rss("worker")} " +
                $"| {Cpu("api")} / {Cpu("worker")} / {Cpu("postgres")} / {Cpu("redis")} / {Cpu("dashboard")} / {s["loadgen"]!["cpu_avg_cores"]} / {s["machine"]!["busy_avg_cores"]} " +
                $"| {s["machine"]!["load_average_start"]} → {s["machine"]!["load_average_end"]} |");
        }

        sb.AppendLine();
        sb.AppendLine("e2e = server created_at → completed_at of the jobs the virtual users saw complete (not cached). jobs done/s: client = COMPLETED seen by polls; Redis = slope of entries-read − pending of group resume-workers. CPU: average cores busy in the measured window (2.00 = both cores), PG = the postmaster and all backends.");

        var enqueueSteps = steps.Where(s => (string)s.Json["scenario"]! == "enqueue").ToList();
        if (enqueueSteps.Count > 0 && (pgTps is > 0 || xadd is > 0))
        {
            sb.AppendLine();
            sb.AppendLine("## Enqueue rate against the reference limits");
            sb.AppendLine();
            sb.AppendLine("| step | accepted enqueues/s | of the pgbench INSERT limit | of the XADD limit |");
            sb.AppendLine("| --- | ---: | ---: | ---: |");
            foreach (var (_, s) in enqueueSteps)
            {
                var rate = (double)s["jobs"]!["accepted_per_second"]!;
                sb.AppendLine(C, $"| {s["label"]} | {rate:0.0} | {(pgTps is > 0 ? (rate / pgTps.Value).ToString("P1", C) : "–")} | {(xadd is > 0 ? (rate / xadd.Value).ToString("P1", C) : "–")} |");
            }
        }

        sb.AppendLine();
        sb.AppendLine("## Targets (issue 12)");
        sb.AppendLine();
        sb.AppendLine("| target | measured | met? |");
        sb.AppendLine("| --- | --- | --- |");
        EnqueueTarget(sb, Step(steps, "enqueue", 100), 100, 3000, 50);
        EnqueueTarget(sb, Step(steps, "enqueue", 1000), 1000, 2000, 500);

        var poll2000 = Step(steps, "poll", 2000);
        if (poll2000 is not null)
        {
            var ep = poll2000["endpoints"]!["status"]!;
            var p99 = (double)ep["latency_ms"]!["p99"]!;
            sb.AppendLine(C, $"| status p99 < 20 ms at 2,000 pollers (every 2 s), no failures | {ep["requests_per_second"]} polls/s, p99 {p99} ms, {ep["errors"]} errors | {Met(p99 < 20 && (long)ep["errors"]! == 0)} |");
        }

        var drain = Read(Path.Combine(dir, "worker-drain.json"));
        if (drain is not null)
        {
            var rate = (double)drain["jobs_per_second"]!;
            var jobs = (long)drain["filled"]! - (long)drain["left"]!;
            sb.AppendLine(C, $"| Worker drains ≥ 400 docx jobs/s over ≥ 5,000 jobs | {rate:0.0} jobs/s over {jobs:N0} jobs | {Met(rate >= 400 && jobs >= 5000)} |");
        }

        if (steps.Count > 0)
        {
            // 200 MB = 190.7 MiB; the peak over every step and the drain, since the limit holds "under the loads above".
            var api = steps.Max(s => (double?)s.Json["processes"]!["api"]?["peak_rss_mib"] ?? 0);
            var worker = Math.Max(steps.Max(s => (double?)s.Json["processes"]!["worker"]?["peak_rss_mib"] ?? 0),
                (double?)drain?["worker_peak_rss_mib"] ?? 0);
            sb.AppendLine(C, $"| Api and Worker each < 200 MB RSS under every load above | Api {api:0} MiB, Worker {worker:0} MiB (peak VmRSS) | {Met(api * 1.048576 < 200 && worker * 1.048576 < 200)} |");
        }

        var logCounts = Path.Combine(dir, "server-log-counts.tsv");
        if (File.Exists(logCounts))
        {
            var rows = File.ReadAllLines(logCounts).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length == 3).ToList();
            var patterns = rows.Select(f => f[2]).Distinct().ToList();
            sb.AppendLine();
            sb.AppendLine("## Server-side log lines (cumulative, from DCP's capture of PostgreSQL's, the Api's and the Worker's output)");
            sb.AppendLine();
            sb.AppendLine("| after | " + string.Join(" | ", patterns.Select(p => $"`{p}`")) + " |");
            sb.AppendLine("| --- |" + string.Concat(patterns.Select(_ => " ---: |")));
            foreach (var after in rows.Select(f => f[0]).Distinct())
            {
                sb.AppendLine($"| {after} | " + string.Join(" | ", patterns.Select(p => rows.FirstOrDefault(f => f[0] == after && f[2] == p)?[1] ?? "–")) + " |");
            }
        }

        foreach (var (file, _) in steps)
        {
            var md = Path.ChangeExtension(file, ".md");
            if (File.Exists(md))
            {
                sb.AppendLine();
                sb.Append(File.ReadAllText(md).Replace("### ", "## Step ", StringComparison.Ordinal));
            }
        }

        return sb.ToString();
    }

    private static void EnqueueTarget(StringBuilder sb, JsonNode? step, int users, int rate, int p99Limit)
    {
        if (step is null)
        {
            return;
        }

        var ep = step["endpoints"]!["enqueue"]!;
        var accepted = (double)step["jobs"]!["accepted_per_second"]!;
        var p99 = (double)ep["latency_ms"]!["p99"]!;
        var errors = (long)ep["errors"]!;
        sb.AppendLine(C, $"| enqueue ≥ {rate:N0}/s, p99 < {p99Limit} ms at {users:N0} connections, no errors but 429 | {accepted:0} accepted/s, p99 {p99} ms, {errors} errors | {Met(accepted >= rate && p99 < p99Limit && errors == 0)} |");
    }

    private static JsonNode? Step(List<(string File, JsonNode Json)> steps, string scenario, int users) =>
        steps.FirstOrDefault(s => (string)s.Json["scenario"]! == scenario && (int)s.Json["users"]! == users).Json;

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static int Order(string scenario) => scenario switch { "poll" => 0, "mix" => 1, "enqueue" => 2, _ => 3 };

    private static string Short(string? commit) => string.IsNullOrEmpty(commit) ? "?" : commit[..Math.Min(7, commit.Length)];

    private static JsonNode? Read(string file) => File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file)) : null;
}
