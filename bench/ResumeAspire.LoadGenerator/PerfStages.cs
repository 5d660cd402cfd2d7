using System.Globalization;
using System.Text;

namespace ResumeAspire.LoadGenerator;

/// <summary>
/// <c>stages --service api|worker --hz N --seconds S --per-second R</c>: reads <c>perf script</c>
/// (fields tid, period, ip, sym, dso) of one process from stdin and says where its CPU went, stage by
/// stage, in CPU milliseconds per request (or per job). Unlike EventPipe thread-time sampling, every
/// perf sample is a CPU sample of one of the process's threads (kernel, runtime and GC included),
/// so the stages add up to the process's CPU.
/// <para>
/// Each sample goes to the innermost frame that names a stage: a socket write under Npgsql under the
/// candidate lookup is the lookup's. The runtime's native code (GC, JIT) has no symbols on these
/// machines, so a GC an allocation triggers counts to the allocating stage. Frames that name
/// no stage of their own (Npgsql, StackExchange.Redis, Kestrel, the runtime) are the fallback when
/// nothing inner matched: that is work the process does for requests in general, not for one stage.
/// </para>
/// </summary>
public static class PerfStages
{
    private sealed record Rule(string Stage, string[] Patterns);

    // Middleware that wraps the rest of the pipeline: a sample under one of these belongs to
    // whatever runs inside it, so these frames never name a stage themselves.
    private static readonly string[] Wrappers =
    [
        "HttpServerErrorTypeStartupFilter", "ExceptionHandlerMiddleware", "DeveloperExceptionPageMiddleware", "StatusCodePagesMiddleware",
        "AuthenticationMiddleware", "AuthorizationMiddleware", "RateLimitingMiddleware+<InvokeInternal", "RateLimitingMiddleware::InvokeInternal",
        "RateLimitingMiddleware::Invoke(", "HostingApplication::", "HostingApplication+",
    ];

    // Checked on each frame from the leaf outwards; the first rule one of whose patterns the frame contains wins.
    private static readonly Rule[] Telemetry =
    [
        new("telemetry (traces, metrics, logs)", [
            "OpenTelemetry", "System.Diagnostics.Activity", "System.Diagnostics.DiagnosticListener", "System.Diagnostics.Metrics",
            "System.Diagnostics.Tracing", "Microsoft.Extensions.Logging", "Microsoft.Extensions.Diagnostics", "HostingApplicationDiagnostics",
            "Npgsql.NpgsqlActivitySource", "Npgsql.MetricsReporter", "ResumeAspire.ServiceDefaults", "JobsTelemetry", "JobTrace",
            "QueueMetrics", "ActivityTracker", "EventPipe"]),
    ];

    private static readonly Rule[] Api =
    [
        new("auth ticket (bearer token, cache, claims)", [
            "BearerToken", "CachedTicketFormat", "BearerTicketCache", "AuthenticationHandler", "AuthenticationService", "DataProtection",
            "DefaultAuthorizationService", "PolicyEvaluator", "AuthorizationHandler", "ClaimsPrincipalExtensions", "TicketSerializer"]),
        new("rate limit (per-user window)", ["System.Threading.RateLimiting", "RateLimitingMiddleware+<TryAcquire", "RateLimitingMiddleware.TryAcquire", "RateLimitingExtensions"]),
        new("validation", ["GenerateRequestValidator", "CandidateValidator"]),
        new("JSON (request and response bodies)", ["System.Text.Json", "JsonWireFormat"]),
        new("candidate lookup + in-flight count (SQL)", ["JobLookups+<CandidateForEnqueue", "JobLookups.CandidateForEnqueue"]),
        new("status read (SQL)", ["JobLookups+<Status", "JobLookups.Status"]),
        new("insert (group commit, SQL)", ["JobInsertBatcher", "JobInsertCommand"]),
        new("result cache key (normalise posting, SHA-256)", ["ResultCacheKey"]),
        new("result cache GET (Redis)", ["ResultCache"]),
        new("XADD + queued set + wake-up (Redis)", ["JobQueue"]),
        new("job endpoint logic", ["ResumeAspire.Api.Jobs"]),
        new("other application code", ["ResumeAspire."]),
    ];

    private static readonly Rule[] Worker =
    [
        new("tailoring (keyword engine)", ["ResumeAspire.Core.Tailoring"]),
        new("docx rendering (OpenXML, zip)", ["ResumeAspire.Core.Rendering", "DocumentFormat.OpenXml", "System.IO.Compression", "System.IO.Packaging", "System.Xml"]),
        new("claim (SQL)", ["JobClaimer"]),
        new("final writes (group commit, SQL)", ["JobCompletionWriter"]),
        new("acknowledge (XACK/XDEL/SREM)", ["StreamAcknowledger"]),
        new("progress and cache SET (Redis)", ["JobProgressNotifier", "ResultCache"]),
        new("JSON", ["System.Text.Json"]),
        new("stream read and dispatch", ["JobConsumer", "JobDelivery", "JobProcessor", "RunningJobs", "WakeSignal"]),
        new("other application code", ["ResumeAspire."]),
    ];

    // Tried only when no stage matched anywhere in the stack.
    private static readonly Rule[] Fallback =
    [
        new("PostgreSQL client, not attributable (Npgsql)", ["Npgsql"]),
        new("Redis client, not attributable (StackExchange.Redis)", ["StackExchange.Redis", "Pipelines.Sockets.Unofficial"]),
        new("HTTP server (Kestrel, sockets, pipelines)", ["Microsoft.AspNetCore.Server.Kestrel", "System.Net.Sockets", "System.IO.Pipelines"]),
        new("HTTP pipeline (routing, middleware, endpoint glue)", ["Microsoft.AspNetCore."]),
        new("thread pool, timers, async machinery", ["System.Threading.", "System.Runtime.CompilerServices.Async"]),
        new("runtime (GC, JIT, stubs: libcoreclr has no symbols here)", ["libcoreclr.so", "libclrjit.so", "[unknown]"]),
        new("kernel, not attributable", ["[kernel.kallsyms]"]),
        new("native libraries (libc, libSystem.Native, ...)", [".so"]),
    ];

    public static string Build(TextReader input, string service, int hz, double seconds, double perSecond)
    {
        var stages = Telemetry.Concat(service == "worker" ? Worker : Api).ToArray();
        var byStage = new Dictionary<string, long>();
        var self = new Dictionary<string, long>();
        var samples = 0L;
        var frames = new List<string>();
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                Count();
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && IsFrame(line))
            {
                frames.Add(line.Trim());
            }
            else
            {
                Count();   // a new sample header without a blank line before it
            }
        }

        Count();

        void Count()
        {
            if (frames.Count == 0)
            {
                return;
            }

            samples++;
            var stage = Classify(frames, stages) ?? Classify(frames, Fallback) ?? "other";
            byStage[stage] = byStage.GetValueOrDefault(stage) + 1;
            var leaf = Symbol(frames[0]);
            self[leaf] = self.GetValueOrDefault(leaf) + 1;
            frames.Clear();
        }

        var c = CultureInfo.InvariantCulture;
        var msPerSample = 1000.0 / hz;
        var cpuSeconds = samples * msPerSample / 1000;
        var units = perSecond * seconds;
        var unit = service == "worker" ? "job" : "request";
        var sb = new StringBuilder();
        sb.AppendLine(c, $"{service}: {samples} CPU samples at {hz} Hz over {seconds:0} s = {cpuSeconds:0.0} CPU-s ({cpuSeconds / seconds:0.00} cores); {perSecond:0.#} {unit}s/s → {units:0} {unit}s in the window.");
        sb.AppendLine(c, $"Each sample goes to the innermost frame that names a stage (bench/ResumeAspire.LoadGenerator/PerfStages.cs).");
        sb.AppendLine();
        sb.AppendLine(c, $"| stage | share | CPU ms per {unit} |");
        sb.AppendLine("| --- | ---: | ---: |");
        foreach (var (stage, n) in byStage.OrderByDescending(kv => kv.Value))
        {
            sb.AppendLine(c, $"| {stage} | {(double)n / samples:P1} | {(units > 0 ? n * msPerSample / units : 0):0.000} |");
        }

        sb.AppendLine(c, $"| **all** | 100 % | **{(units > 0 ? samples * msPerSample / units : 0):0.000}** |");
        sb.AppendLine();
        sb.AppendLine("Top 40 leaf functions (self samples):");
        foreach (var (symbol, n) in self.OrderByDescending(kv => kv.Value).Take(40))
        {
            sb.AppendLine(c, $"  {(double)n / samples,6:P1}  {symbol}");
        }

        return sb.ToString();
    }

    private static bool IsFrame(string line)
    {
        // "\t    7f12ab symbol+0x1c (dso)": a hex address first, the object last (a sample's header is "tid period").
        var t = line.AsSpan().TrimStart();
        var space = t.IndexOf(' ');
        return space > 0 && t[..space].ToString().All(Uri.IsHexDigit) && t.TrimEnd().EndsWith(")", StringComparison.Ordinal);
    }

    private static string Symbol(string frame)
    {
        var t = frame.Trim();
        var space = t.IndexOf(' ');
        var rest = space > 0 ? t[(space + 1)..] : t;
        var plus = rest.LastIndexOf("+0x", StringComparison.Ordinal);
        var dso = rest.LastIndexOf(" (", StringComparison.Ordinal);
        var name = plus > 0 && (dso < 0 || plus < dso) ? rest[..plus] + (dso > 0 ? rest[dso..] : "") : rest;
        return name.Length > 170 ? name[..170] : name;
    }

    private static string? Classify(List<string> frames, Rule[] rules)
    {
        foreach (var frame in frames)
        {
            if (Wrappers.Any(w => frame.Contains(w, StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var rule in rules)
            {
                foreach (var pattern in rule.Patterns)
                {
                    if (frame.Contains(pattern, StringComparison.Ordinal))
                    {
                        return rule.Stage;
                    }
                }
            }
        }

        return null;
    }
}
