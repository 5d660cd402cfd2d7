using System.Diagnostics;
using ResumeAspire.LoadGenerator;

Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

switch (options.Command)
{
    case "help":
        Console.WriteLine(Options.Usage);
        return 0;
    case "prepare-reference":
        return await PrepareReferenceAsync(options);
    case "summarize" when options.Dir is { } dir:
        Console.Write(Summary.Build(dir));
        return 0;
    case "profile" when options.Speedscope is { } speedscope:
        Console.Write(ProfileSummary.Build(speedscope, options.Top));
        return 0;
    case "stages":
        Console.Write(PerfStages.Build(Console.In, options.Service, options.Hz, options.Seconds, options.PerSecond));
        return 0;
    case "run":
        return await RunAsync(options);
    default:
        Console.Error.WriteLine($"unknown command {options.Command}");
        Console.Error.WriteLine(Options.Usage);
        return 2;
}

static async Task<int> RunAsync(Options options)
{
    // Thousands of virtual users wake on timers at once: start with enough pool threads that the
    // first seconds are not spent injecting them one by one.
    ThreadPool.GetMinThreads(out var workers, out var io);
    ThreadPool.SetMinThreads(Math.Max(workers, 4 * Environment.ProcessorCount), io);

    var clock = Stopwatch.StartNew();
    var startedAt = DateTimeOffset.UtcNow;
    var loadAtStart = ProcessSampler.LoadAverage();
    var timelineSeconds = (int)(options.Warmup + options.Duration + options.Timeout + options.PollInterval).TotalSeconds + 30;
    var recorder = new Recorder(timelineSeconds);
    using var api = new ApiClient(options.BaseUrl, recorder, options.Timeout);

    Console.Error.WriteLine($"[{options.Label ?? options.Scenario.ToString().ToLowerInvariant()}] setting up {options.Users} users against {options.BaseUrl} …");
    var (users, setup) = await UserSetup.PrepareAsync(options, api, options.Warmup + options.Duration + TimeSpan.FromMinutes(5));
    Console.Error.WriteLine($"  {setup.Ready}/{setup.Requested} users ready in {setup.Seconds} s (reused {setup.Reused}, registered {setup.Registered}, candidates created {setup.CandidatesCreated})");
    foreach (var failure in setup.Failures)
    {
        Console.Error.WriteLine($"  setup failure: {failure}");
    }

    if (users.Count == 0)
    {
        Console.Error.WriteLine("No user could be set up: is the Api up, and does registration work?");
        return 1;
    }

    using var stop = new CancellationTokenSource();
    var scenarios = new Scenarios(options, api, recorder, stop.Token);
    if (options.Scenario == Scenario.Poll)
    {
        using var gate = new SemaphoreSlim(options.SetupConcurrency * 4);
        await Task.WhenAll(users.Select(async u =>
        {
            await gate.WaitAsync();
            try
            {
                await scenarios.PreparePollAsync(u);
            }
            finally
            {
                gate.Release();
            }
        }));
        UserSetup.SaveAll(options.StateFile, users);
    }

    // Samplers run from before the warm-up to after the last request, on the same clock.
    using var sampling = new CancellationTokenSource();
    var specs = DefaultProcesses(options).Concat(options.Processes).ToList();
    var processSampler = new ProcessSampler(specs, clock);
    var processTask = Task.Run(() => processSampler.RunAsync(sampling.Token));
    await using var queueSampler = options.Redis is { } redis ? new QueueSampler(redis, clock) : null;
    var queueTask = queueSampler is null ? Task.CompletedTask : Task.Run(() => queueSampler.RunAsync(sampling.Token));

    var loadStart = Stopwatch.GetTimestamp();
    var loadStartT = clock.Elapsed.TotalSeconds;
    recorder.TimelineStart = loadStart;
    recorder.MeasureFrom = loadStart + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
    recorder.MeasureUntil = recorder.MeasureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
    var windowStartT = loadStartT + options.Warmup.TotalSeconds;
    var windowEndT = windowStartT + options.Duration.TotalSeconds;
    var selfCpuAtWindowStart = 0.0;

    Console.Error.WriteLine($"  {options.Scenario.ToString().ToLowerInvariant()}: {users.Count} virtual users, warm-up {options.Warmup.TotalSeconds} s, measuring {options.Duration.TotalSeconds} s (load average {loadAtStart})");
    var virtualUsers = users.Select(u => Task.Run(() => scenarios.RunAsync(u))).ToList();

    await Task.Delay(options.Warmup);
    selfCpuAtWindowStart = ProcessSampler.CpuSeconds();
    if (options.SignalFile is { } signal)
    {
        await File.WriteAllTextAsync(signal, DateTimeOffset.UtcNow.ToString("O"));
    }

    await Task.Delay(options.Duration);
    var selfCpu = ProcessSampler.CpuSeconds() - selfCpuAtWindowStart;
    await stop.CancelAsync();
    var loadAtEnd = ProcessSampler.LoadAverage();

    var drain = Task.WhenAll(virtualUsers);
    if (await Task.WhenAny(drain, Task.Delay(options.Timeout + TimeSpan.FromSeconds(5))) != drain)
    {
        Console.Error.WriteLine("  some virtual users were still waiting for an answer; their requests are not counted");
    }

    await sampling.CancelAsync();
    await Task.WhenAll(processTask, queueTask);

    var report = Report.Build(new ReportInput(options, startedAt, setup, recorder, processSampler, queueSampler,
        windowStartT, windowEndT, selfCpu, loadAtStart, loadAtEnd, users.Count));
    var table = Report.Table(report);
    Console.WriteLine(table);
    if (options.Output is { } output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, Report.ToJson(report));
        Console.Error.WriteLine($"  wrote {output}");
    }

    if (options.TableOutput is { } tableOutput)
    {
        await File.WriteAllTextAsync(tableOutput, table);
    }

    return 0;
}

static IEnumerable<ProcessGroupSpec> DefaultProcesses(Options options)
{
    var env = options.Redis is { } redis ? $"ConnectionStrings__redis={redis}" : null;
    // The built executable (apphost) or `dotnet ResumeAspire.Api.dll`, not the `dotnet run` that launched it.
    yield return new ProcessGroupSpec("api", @"(^|/)ResumeAspire\.Api(\.dll)?( |$)", env);
    yield return new ProcessGroupSpec("worker", @"(^|/)ResumeAspire\.Worker(\.dll)?( |$)", env);
}

static async Task<int> PrepareReferenceAsync(Options options)
{
    if (options.Email is not { } email)
    {
        Console.Error.WriteLine("prepare-reference needs --email");
        return 2;
    }

    var recorder = new Recorder(1);
    using var api = new ApiClient(options.BaseUrl, recorder, options.Timeout);
    await api.RegisterAsync(email, options.Password);
    var login = await api.LoginAsync(email, options.Password);
    if (login.Body is not { } token)
    {
        Console.Error.WriteLine($"login as {email} failed: {login.Status}");
        return 1;
    }

    var created = await api.CreateCandidateAsync(token.AccessToken, Workload.Candidate(0));
    if (created.Body is not { } candidate)
    {
        Console.Error.WriteLine($"creating the candidate failed: {created.Status}");
        return 1;
    }

    Console.WriteLine(candidate.Id);
    return 0;
}
