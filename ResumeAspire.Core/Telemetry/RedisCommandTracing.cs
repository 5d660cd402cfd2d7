using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace ResumeAspire.Core.Telemetry;

/// <summary>
/// Redis command spans for the traces that are recorded, and only for those. The Aspire client's
/// own instrumentation profiles every command issued under any current span, sampled out or not,
/// and holds each span with its commands for ten seconds before it turns them into spans: under
/// load that kept thousands of finished requests alive into gen 2 (the Api's peak RSS was 20–25 MB
/// lower without it in an otherwise equal run). Here a command is profiled only when the span
/// around it is recorded, and the commands of a finished span become its child spans (named
/// after the command, <c>db.system.name</c> <c>redis</c>) within a second. Commands with no span
/// around them, such as the worker's idle stream polls, are never profiled.
/// </summary>
public sealed class RedisCommandTracing(IConnectionMultiplexer redis) : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    // A recorded span that never ends (a bug elsewhere) must not hold its commands forever.
    private static readonly TimeSpan MaxSpanAge = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Activity, ProfilingSession> _sessions = new();

    /// <summary>Recorded spans whose Redis commands are waiting for the next flush.</summary>
    internal int PendingSpans => _sessions.Count;

    /// <summary>Starts profiling; the Api and the Worker do this at start-up.</summary>
    internal void Register() => redis.RegisterProfiler(SessionForCurrentSpan);

    /// <summary>Turns the commands of every finished span (or of all, at shutdown) into spans.</summary>
    internal void Flush(bool all = false)
    {
        var tooOld = DateTime.UtcNow - MaxSpanAge;
        foreach (var (parent, session) in _sessions)
        {
            // A span still running may issue more commands; they go out when it ends.
            var finished = parent.Duration != TimeSpan.Zero || parent.StartTimeUtc < tooOld;
            if ((all || finished) && _sessions.TryRemove(parent, out _))
            {
                Emit(parent, session.FinishProfiling());
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Register();
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is left goes out below.
        }
        finally
        {
            Flush(all: true);
        }
    }

    // StackExchange.Redis asks for every command; returning null means "not profiled".
    private ProfilingSession? SessionForCurrentSpan() =>
        Activity.Current is { Recorded: true } parent ? _sessions.GetOrAdd(parent, static _ => new ProfilingSession()) : null;

    private static void Emit(Activity parent, ProfiledCommandEnumerable commands)
    {
        foreach (var command in commands)
        {
            var start = new DateTimeOffset(DateTime.SpecifyKind(command.CommandCreated, DateTimeKind.Utc));
            using var span = JobsTelemetry.Source.StartActivity(command.Command, ActivityKind.Client, parent.Context, Tags(command), startTime: start);
            span?.SetEndTime(start.UtcDateTime + command.ElapsedTime);
        }
    }

    private static List<KeyValuePair<string, object?>> Tags(IProfiledCommand command)
    {
        var tags = new List<KeyValuePair<string, object?>>(5)
        {
            new("db.system.name", "redis"),
            new("db.operation.name", command.Command),
            new("db.namespace", command.Db.ToString(CultureInfo.InvariantCulture)),
        };
        switch (command.EndPoint)
        {
            case IPEndPoint ip:
                tags.Add(new("server.address", ip.Address.ToString()));
                tags.Add(new("server.port", ip.Port));
                break;
            case DnsEndPoint dns:
                tags.Add(new("server.address", dns.Host));
                tags.Add(new("server.port", dns.Port));
                break;
        }

        return tags;
    }
}
