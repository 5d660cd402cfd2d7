using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Telemetry;
using ResumeAspire.IntegrationTests.Infrastructure;

namespace ResumeAspire.IntegrationTests;

/// <summary>
/// Traces, metrics and logs of real jobs (Api and worker in this process, real Redis and
/// PostgreSQL), caught by OpenTelemetry's in-memory exporter and the metrics and log collectors.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class TelemetryTests(IsolatedFixture system)
{
    private const string Publish = $"{QueueNames.Stream} publish";
    private const string Process = $"{QueueNames.Stream} process";

    [Fact]
    public async Task One_job_is_one_trace_from_the_request_through_the_worker_and_the_download_links_to_it()
    {
        var spans = new SpanList();
        using var tracing = Tracing(spans);
        var (user, jobId, final) = await CompletedJobAsync();
        var traceId = final["trace_id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        using (var download = await user.Http.GetAsync($"/api/resume-async/download/{jobId}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        var trace = await SpansAsync(tracing, spans, s => s.TraceId.ToHexString() == traceId, t => t.Any(s => s.DisplayName == "store"));
        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal("POST", request.GetTagItem("http.request.method"));

        var publish = Assert.Single(trace, s => s.DisplayName == Publish);
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(request.SpanId, publish.ParentSpanId);
        Assert.Equal("redis", publish.GetTagItem("messaging.system"));
        Assert.Equal(QueueNames.Stream, publish.GetTagItem("messaging.destination.name"));
        Assert.Equal("send", publish.GetTagItem("messaging.operation.type"));
        Assert.Matches(@"^\d+-\d+$", (string)publish.GetTagItem("messaging.message.id")!);
        Assert.Equal(publish.SpanId, Assert.Single(trace, s => s.DisplayName == "cache lookup").ParentSpanId);
        var insert = Assert.Single(trace, s => s.DisplayName == "insert");
        Assert.Equal(publish.SpanId, insert.ParentSpanId);
        Assert.True((int)insert.GetTagItem("resume.insert.group_size")! >= 1);

        var process = Assert.Single(trace, s => s.DisplayName == Process);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal("process", process.GetTagItem("messaging.operation.type"));
        Assert.Equal(1, process.GetTagItem("resume.job.attempt"));
        // No "load" step any more: the candidate comes with the claim.
        foreach (var step in new[] { "tailor", "render", "store", "cache store" })
        {
            Assert.Equal(process.SpanId, Assert.Single(trace, s => s.DisplayName == step).ParentSpanId);
        }

        // The download is a trace of its own (hours later, perhaps) that links to the job's.
        var downloadSpan = (await SpansAsync(tracing, spans, IsDownloadOf(jobId), t => t.Count > 0)).Single();
        Assert.NotEqual(traceId, downloadSpan.TraceId.ToHexString());
        Assert.Contains(downloadSpan.Links, link => link.Context.TraceId.ToHexString() == traceId && link.Context.SpanId == publish.SpanId);
    }

    [Fact]
    public async Task A_job_costs_the_worker_two_database_statements_shared_with_its_batch()
    {
        var spans = new SpanList();
        using var tracing = Tracing(spans, "Npgsql");
        var (_, _, final) = await CompletedJobAsync();
        var traceId = final["trace_id"]!.GetValue<string>();

        var trace = await SpansAsync(tracing, spans, s => s.TraceId.ToHexString() == traceId, t => t.Any(s => s.DisplayName == "cache store"));
        var process = Assert.Single(trace, s => s.DisplayName == Process);
        var underProcess = new HashSet<ActivitySpanId> { process.SpanId };
        foreach (var span in trace.OrderBy(s => s.StartTimeUtc))
        {
            if (underProcess.Contains(span.ParentSpanId))
            {
                underProcess.Add(span.SpanId);
            }
        }

        // The claim of its whole stream read (UPDATE … RETURNING joined with the candidate, recording
        // the tailoring stage) and the group commit of document + COMPLETED. A lone job is a batch
        // of one, so both show under its process span. Later stages go over pub/sub only; a job
        // used to take eleven statements, then three.
        var statements = trace.Where(s => s.Source.Name == "Npgsql" && underProcess.Contains(s.ParentSpanId))
            .Select(s => (string?)s.GetTagItem("db.query.text") ?? (string?)s.GetTagItem("db.statement") ?? s.DisplayName)
            .ToList();
        Assert.True(statements.Count == 2, $"{statements.Count} statements:\n{string.Join("\n---\n", statements)}");
        Assert.Contains("UPDATE resume_jobs", statements[0]);
        Assert.Contains("RETURNING", statements[0]);
        Assert.Contains("JOIN candidates", statements[0]);
        Assert.Contains("INSERT INTO resume_documents", statements[1]);
    }

    [Fact]
    public async Task The_download_reads_its_document_by_key_in_one_statement()
    {
        var spans = new SpanList();
        using var tracing = Tracing(spans, "Npgsql");
        var (user, jobId, _) = await CompletedJobAsync();

        using (var download = await user.Http.GetAsync($"/api/resume-async/download/{jobId}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.True((await download.Content.ReadAsByteArrayAsync()).AsSpan().StartsWith("PK"u8));
        }

        var request = (await SpansAsync(tracing, spans, IsDownloadOf(jobId), t => t.Count > 0)).Single();
        var sql = (await SpansAsync(tracing, spans, s => s.Source.Name == "Npgsql" && s.ParentSpanId == request.SpanId, t => t.Count > 0))
            .Select(s => (string?)s.GetTagItem("db.query.text") ?? (string?)s.GetTagItem("db.statement") ?? "")
            .ToList();

        // A correlated subquery here once became ROW_NUMBER() over every stored document.
        var statement = Assert.Single(sql);
        Assert.Contains("LEFT JOIN resume_documents", statement);
        Assert.DoesNotContain("ROW_NUMBER", statement);
    }

    [Fact]
    public async Task A_retried_job_shows_one_process_span_per_attempt_in_its_trace_with_the_error_recorded()
    {
        var spans = new SpanList();
        using var tracing = Tracing(spans);
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();

        var jobId = await user.EnqueueAsync(candidateId, JobRequests.NewRef(), "[[fail:1]]");
        var final = (await user.WaitForFinalAsync(jobId))[^1];
        Assert.Equal("COMPLETED", final.Status());
        Assert.Equal(2, final.Int("attempts"));
        var traceId = final["trace_id"]!.GetValue<string>();

        var trace = await SpansAsync(tracing, spans, s => s.TraceId.ToHexString() == traceId, t => t.Count(s => s.DisplayName == Process) == 2 && t.Any(s => s.DisplayName == "store"));
        var publish = Assert.Single(trace, s => s.DisplayName == Publish);
        var attempts = trace.Where(s => s.DisplayName == Process).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal([1, 2], attempts.Select(s => (int)s.GetTagItem("resume.job.attempt")!));
        Assert.All(attempts, s => Assert.Equal(publish.SpanId, s.ParentSpanId));

        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Contains(attempts[0].Events, e => e.Name == "exception");
        var failedTailor = Assert.Single(trace, s => s.DisplayName == "tailor" && s.ParentSpanId == attempts[0].SpanId);
        Assert.Equal(ActivityStatusCode.Error, failedTailor.Status);
        Assert.Equal(ActivityStatusCode.Unset, attempts[1].Status);
    }

    [Fact]
    public async Task Counters_and_histograms_move_by_the_jobs_that_ran()
    {
        var api = system.Api.Services.GetRequiredService<IMeterFactory>();
        var worker = system.Worker!.Services.GetRequiredService<IMeterFactory>();
        using var enqueued = Collect<long>(api, "resume.jobs.enqueued");
        using var apiCompleted = Collect<long>(api, "resume.jobs.completed");
        using var workerCompleted = Collect<long>(worker, "resume.jobs.completed");
        using var failed = Collect<long>(worker, "resume.jobs.failed");
        using var deadLettered = Collect<long>(worker, "resume.jobs.dead_lettered");
        using var retried = Collect<long>(worker, "resume.jobs.retried");
        using var hits = Collect<long>(api, "resume.cache.hits");
        using var misses = Collect<long>(api, "resume.cache.misses");
        using var duration = Collect<double>(worker, "resume.jobs.duration");
        using var queueWait = Collect<double>(worker, "resume.jobs.queue_wait");

        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        const string repeated = "Data engineer: Python, Spark, Airflow and PostgreSQL; dbt a plus.";
        var jobs = new List<Guid> { await EnqueueAsync(user, JobRequests.Body(candidateId, JobRequests.NewRef(), description: repeated)) };
        for (var i = 0; i < 4; i++)
        {
            jobs.Add(await user.EnqueueAsync(candidateId, JobRequests.NewRef()));
        }

        foreach (var job in jobs)
        {
            Assert.Equal("COMPLETED", (await user.WaitForFinalAsync(job))[^1].Status());
        }

        var failedJob = await user.EnqueueAsync(candidateId, JobRequests.NewRef(), "[[permanent]]");
        Assert.Equal("FAILED", (await user.WaitForFinalAsync(failedJob))[^1].Status());
        var cachedJob = await EnqueueAsync(user, JobRequests.Body(candidateId, JobRequests.NewRef(), description: repeated));
        Assert.True((await user.StatusAsync(cachedJob))["cached"]!.GetValue<bool>());
        // The worker records after the final status is visible: give it that moment.
        await WaitUntilAsync(() => duration.GetMeasurementSnapshot().Count == 6);

        Assert.Equal(6, enqueued.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(5, workerCompleted.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(workerCompleted.GetMeasurementSnapshot(), m => Assert.False((bool)m.Tags["cached"]!));
        var fromCache = Assert.Single(apiCompleted.GetMeasurementSnapshot());
        Assert.True((bool)fromCache.Tags["cached"]!);
        var failure = Assert.Single(failed.GetMeasurementSnapshot());
        Assert.Equal("permanent", failure.Tags["reason"]);
        Assert.Equal(1, deadLettered.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Empty(retried.GetMeasurementSnapshot());
        Assert.Equal(1, hits.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(6, misses.GetMeasurementSnapshot().EvaluateAsCounter());

        var durations = duration.GetMeasurementSnapshot();
        Assert.Equal(5, durations.Count(m => (string)m.Tags["outcome"]! == "completed"));
        Assert.Equal(1, durations.Count(m => (string)m.Tags["outcome"]! == "permanent"));
        Assert.All(durations, m => Assert.InRange(m.Value, 0, 60));
        Assert.Equal(6, queueWait.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task Queue_gauges_report_what_the_stream_holds()
    {
        var worker = system.Worker!.Services.GetRequiredService<IMeterFactory>();
        using var pending = Collect<long>(worker, "resume.queue.pending");
        using var consumers = Collect<long>(worker, "resume.queue.consumers");
        using var inFlight = Collect<long>(worker, "resume.worker.jobs_in_flight");
        using var length = Collect<long>(worker, "resume.queue.length");

        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var jobRef = JobRequests.NewRef();
        var blocked = await user.EnqueueAsync(candidateId, jobRef, "[[block]]");
        await system.WaitUntilStartedAsync(jobRef);
        try
        {
            await WaitUntilAsync(() =>
            {
                pending.RecordObservableInstruments();
                return pending.LastMeasurement?.Value == 1;
            });
            consumers.RecordObservableInstruments();
            inFlight.RecordObservableInstruments();
            length.RecordObservableInstruments();
            Assert.Equal(1, consumers.LastMeasurement!.Value);
            Assert.Equal(1, inFlight.LastMeasurement!.Value);
            Assert.Equal(await system.StreamLengthAsync(), length.LastMeasurement!.Value);
        }
        finally
        {
            // Later tests of this system count jobs: never leave one blocked.
            await system.ReleaseAsync(jobRef);
        }

        Assert.Equal("COMPLETED", (await user.WaitForFinalAsync(blocked))[^1].Status());
        await WaitUntilAsync(() =>
        {
            pending.RecordObservableInstruments();
            return pending.LastMeasurement?.Value == 0;
        });
    }

    [Fact]
    public async Task A_healthy_job_logs_nothing_and_a_failed_attempt_logs_ids_but_no_resume_content()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var logs = system.WorkerLogs;

        logs.Clear();
        var quiet = await user.EnqueueAsync(candidateId, JobRequests.NewRef());
        Assert.Equal("COMPLETED", (await user.WaitForFinalAsync(quiet))[^1].Status());
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level >= LogLevel.Information);

        var jobRef = JobRequests.NewRef();
        var failing = await user.EnqueueAsync(candidateId, jobRef, "[[fail:1]]");
        var final = (await user.WaitForFinalAsync(failing))[^1];
        Assert.Equal("COMPLETED", final.Status());
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Category == "ResumeAspire.Worker.JobProcessor");
        var scope = warning.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s)
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        Assert.Equal(failing, scope["JobId"]);
        Assert.Equal(await system.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == user.Email).Id)), scope["UserId"]);
        Assert.Equal(final["trace_id"]!.GetValue<string>(), scope["TraceId"]?.ToString());

        // Neither the job description nor the candidate's resume ever reaches a log.
        var everything = string.Join('\n', logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(' ', r.StructuredState ?? [])}"));
        Assert.DoesNotContain(JobRequests.Description, everything);
        Assert.DoesNotContain("Ada Lovelace", everything);
        Assert.DoesNotContain("Analytical Engines", everything);
        Assert.DoesNotContain(user.Email, everything);
    }

    [Fact]
    public void Client_spans_that_start_a_trace_are_dropped_and_all_others_kept()
    {
        var sampler = new Microsoft.Extensions.Hosting.Extensions.BackgroundClientSpanSampler();
        var traceId = ActivityTraceId.CreateRandom();
        var parent = new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

        // The worker's idle XREADGROUP poll: a Redis client span with nothing around it.
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(new SamplingParameters(default, traceId, "XREADGROUP", ActivityKind.Client)).Decision);
        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(new SamplingParameters(parent, traceId, "XADD", ActivityKind.Client)).Decision);
        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(new SamplingParameters(default, traceId, "POST", ActivityKind.Server)).Decision);
        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(new SamplingParameters(default, traceId, Process, ActivityKind.Consumer)).Decision);
    }

    /// <summary>A new user's job, run to COMPLETED; its final status as job-status reports it.</summary>
    private async Task<(ApiSession User, Guid JobId, JsonObject Final)> CompletedJobAsync()
    {
        var user = await system.NewSession().SignUpAsync();
        var candidateId = await user.CreateCandidateAsync();
        var jobId = await user.EnqueueAsync(candidateId, JobRequests.NewRef());
        var final = (await user.WaitForFinalAsync(jobId))[^1];
        Assert.Equal("COMPLETED", final.Status());
        return (user, jobId, final);
    }

    private static TracerProvider Tracing(SpanList spans, params string[] moreSources) =>
        Sdk.CreateTracerProviderBuilder()
            .AddSource(JobsTelemetry.Name)
            .AddSource("Microsoft.AspNetCore")
            .AddSource(moreSources)
            .AddInMemoryExporter(spans)
            .Build()!;

    private static Func<Activity, bool> IsDownloadOf(Guid jobId) => span =>
        span.Kind == ActivityKind.Server && span.GetTagItem("url.path") as string == $"/api/resume-async/download/{jobId}";

    /// <summary>Spans end a moment after the status a test waits for: poll until the picture is complete.</summary>
    private static async Task<List<Activity>> SpansAsync(TracerProvider tracing, SpanList spans, Func<Activity, bool> filter, Func<List<Activity>, bool> complete)
    {
        List<Activity> found = [];
        for (var i = 0; i < 200; i++)
        {
            tracing.ForceFlush();
            found = [.. spans.Where(filter)];

            if (complete(found))
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Spans seen: {string.Join(", ", found.Select(s => s.DisplayName))}");
    }

    private static MetricCollector<T> Collect<T>(IMeterFactory scope, string instrument) where T : struct =>
        new(scope, JobsTelemetry.Name, instrument);

    private static async Task<Guid> EnqueueAsync(ApiSession user, object body)
    {
        var response = await user.GenerateAsync(body);
        response.EnsureSuccessStatusCode();
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the condition never held");
    }
}
