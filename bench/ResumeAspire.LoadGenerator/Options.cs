using System.Globalization;

namespace ResumeAspire.LoadGenerator;

public enum Scenario
{
    /// <summary>Each virtual user: enqueue, poll every 2 s until final, download, now and then my-jobs; repeat.</summary>
    Mix,

    /// <summary>Each virtual user enqueues back to back (closed loop): the enqueue path's capacity.</summary>
    Enqueue,

    /// <summary>Each virtual user polls one job's status every poll interval: the status path at scale.</summary>
    Poll,
}

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
public sealed class Options
{
    public string Command { get; private set; } = "run";
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:5080");
    public int Users { get; private set; } = 100;
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(60);
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(10);
    public Scenario Scenario { get; private set; } = Scenario.Mix;
    public string? Output { get; private set; }
    public string? TableOutput { get; private set; }
    public string? Redis { get; private set; }
    public TimeSpan PollInterval { get; private set; } = TimeSpan.FromSeconds(2);
    public int MyJobsEvery { get; private set; } = 5;
    public double RepeatRatio { get; private set; } = 0.2;
    public string FileType { get; private set; } = "word";
    public TimeSpan Think { get; private set; } = TimeSpan.Zero;
    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(30);
    public TimeSpan JobTimeout { get; private set; } = TimeSpan.FromSeconds(300);
    public int SetupConcurrency { get; private set; } = 8;
    public string UserPrefix { get; private set; } = "loaduser";
    public string Password { get; private set; } = "Load-Test-Passw0rd!";
    public string? StateFile { get; private set; }
    public string? Label { get; private set; }
    public int Seed { get; private set; } = 20261129;
    public List<ProcessGroupSpec> Processes { get; } = [];
    public string? Email { get; private set; }
    public string? Dir { get; private set; }
    public string? Speedscope { get; private set; }
    public string? SignalFile { get; private set; }
    public int Top { get; private set; } = 25;
    public string Service { get; private set; } = "api";
    public int Hz { get; private set; } = 499;
    public double Seconds { get; private set; } = 15;
    public double PerSecond { get; private set; }

    public static string Usage => """
        ResumeAspire.LoadGenerator: drives the Api with N concurrent virtual users (bench/README.md).

        run (default):
          --base-url URL          the Api (default http://127.0.0.1:5080)
          --users N               virtual users, each its own account and candidate (default 100)
          --duration 60s          measured time (s, m or ms suffix)
          --warmup 10s            load before measuring, not recorded
          --scenario mix|enqueue|poll
          --output FILE.json      the results; the table is printed and also written to FILE.md
          --redis HOST:PORT       the system's Redis: queue depth every second (XLEN, XPENDING, lag)
          --proc NAME=REGEX[@ENV] a process group to sample (CPU, RSS, VmHWM) every second: processes
                                  whose command line matches REGEX and, if given, whose environment
                                  contains ENV; repeatable. api and worker are found by default
                                  (ResumeAspire.Api / ResumeAspire.Worker, environment
                                  ConnectionStrings__redis=HOST:PORT when --redis is given).
          --poll-interval 2s      status polls per job (mix) and per user (poll)
          --my-jobs-every 5       mix: list my-jobs every Nth job of a user
          --repeat-ratio 0.2      share of enqueues that repeat one of the user's 3 earlier
                                  descriptions (result-cache hits once that one completed)
          --file-type word|pdf    (default word)
          --think 0s              mix: pause after each job
          --timeout 30s           per request
          --job-timeout 300s      mix: stop polling a job after this long (counted as timed out)
          --setup-concurrency 8   parallel registrations (each costs the Api a password hash)
          --user-prefix loaduser  accounts are PREFIX<i>@bench.example.com
          --state FILE            keep accounts, tokens and candidates for the next run
          --label TEXT            stored in the JSON
          --signal-file FILE      created when the measured window starts (for profilers)
        prepare-reference --base-url URL --email E: registers E, creates a candidate and prints
          its id (pgbench needs a real owner and candidate).
        summarize --dir bench/results/STAMP: prints summary.md from the run's JSON files.
        profile --speedscope FILE [--top 25]: where the CPU went in a dotnet-trace
          (dotnet-sampled-thread-time) speedscope export.
        stages --service api|worker --hz 499 --seconds 15 --per-second R < perf-script.txt: CPU ms per
          request (or job) by stage from `perf script -F tid,period,ip,sym,dso` of one process.
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            o.Command = args[0];
            i = 1;
        }

        for (; i < args.Length; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{name} needs a value");
                }

                return args[++i];
            }

            switch (name)
            {
                case "--base-url": o.BaseUrl = new Uri(Value()); break;
                case "--users": o.Users = PositiveInt(name, Value()); break;
                case "--duration": o.Duration = ParseDuration(Value()); break;
                case "--warmup": o.Warmup = ParseDuration(Value()); break;
                case "--scenario": o.Scenario = Enum.Parse<Scenario>(Value(), ignoreCase: true); break;
                case "--output": o.Output = Value(); break;
                case "--table": o.TableOutput = Value(); break;
                case "--redis": o.Redis = Value(); break;
                case "--proc": o.Processes.Add(ProcessGroupSpec.Parse(Value())); break;
                case "--poll-interval": o.PollInterval = ParseDuration(Value()); break;
                case "--my-jobs-every": o.MyJobsEvery = PositiveInt(name, Value()); break;
                case "--repeat-ratio": o.RepeatRatio = Math.Clamp(double.Parse(Value(), CultureInfo.InvariantCulture), 0, 1); break;
                case "--file-type": o.FileType = Value(); break;
                case "--think": o.Think = ParseDuration(Value()); break;
                case "--timeout": o.Timeout = ParseDuration(Value()); break;
                case "--job-timeout": o.JobTimeout = ParseDuration(Value()); break;
                case "--setup-concurrency": o.SetupConcurrency = PositiveInt(name, Value()); break;
                case "--user-prefix": o.UserPrefix = Value(); break;
                case "--password": o.Password = Value(); break;
                case "--state": o.StateFile = Value(); break;
                case "--label": o.Label = Value(); break;
                case "--seed": o.Seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--email": o.Email = Value(); break;
                case "--dir": o.Dir = Value(); break;
                case "--speedscope": o.Speedscope = Value(); break;
                case "--signal-file": o.SignalFile = Value(); break;
                case "--top": o.Top = PositiveInt(name, Value()); break;
                case "--service": o.Service = Value() switch { "api" => "api", "worker" => "worker", _ => throw new ArgumentException("--service is api or worker") }; break;
                case "--hz": o.Hz = PositiveInt(name, Value()); break;
                case "--seconds": o.Seconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--per-second": o.PerSecond = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--help" or "-h": o.Command = "help"; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }

        if (o.Output is not null && o.TableOutput is null)
        {
            o.TableOutput = Path.ChangeExtension(o.Output, ".md");
        }

        return o;
    }

    public static TimeSpan ParseDuration(string text)
    {
        text = text.Trim();
        static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (text.EndsWith("ms", StringComparison.Ordinal))
        {
            return TimeSpan.FromMilliseconds(Number(text[..^2]));
        }

        if (text.EndsWith('s'))
        {
            return TimeSpan.FromSeconds(Number(text[..^1]));
        }

        if (text.EndsWith('m'))
        {
            return TimeSpan.FromMinutes(Number(text[..^1]));
        }

        return TimeSpan.FromSeconds(Number(text));
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive integer, not '{value}'");
}

/// <summary>NAME=REGEX[@ENV]: which processes make up one sampled group.</summary>
public sealed record ProcessGroupSpec(string Name, string CommandLinePattern, string? Environment)
{
    public static ProcessGroupSpec Parse(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ArgumentException($"--proc wants NAME=REGEX[@ENV], not '{text}'");
        }

        var rest = text[(eq + 1)..];
        var at = rest.LastIndexOf('@');
        return at < 0
            ? new ProcessGroupSpec(text[..eq], rest, null)
            : new ProcessGroupSpec(text[..eq], rest[..at], rest[(at + 1)..]);
    }
}
