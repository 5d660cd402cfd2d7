using System.Collections.Concurrent;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace ResumeAspire.AppHost.Tests;

/// <summary>
/// Keeps the last log lines and the state of some resources while an app host test waits for
/// them, and cancels the wait as soon as one of them exits: a server that cannot start should
/// fail the test at once, naming itself and its error, not after the whole time-out.
/// </summary>
internal sealed class ResourceWatch : IDisposable
{
    private const int LinesKept = 15;

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new();
    private readonly ConcurrentDictionary<string, string> _states = new();
    private readonly IReadOnlyList<string> _resources;

    private ResourceWatch(IReadOnlyList<string> resources) => _resources = resources;

    public static ResourceWatch Start(DistributedApplication app, IReadOnlyList<string> resources, CancellationTokenSource onExit)
    {
        var watch = new ResourceWatch(resources);
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in resources)
        {
            _ = watch.CollectLogsAsync(logs, resource);
            _ = watch.FollowStateAsync(app.ResourceNotifications, resource, onExit);
        }

        return watch;
    }

    public string Report()
    {
        var report = new StringBuilder();
        foreach (var resource in _resources)
        {
            report.AppendLine($"{resource}: {_states.GetValueOrDefault(resource, "no state reported")}");
            foreach (var line in _lines.GetValueOrDefault(resource) ?? [])
            {
                report.AppendLine($"  | {line}");
            }
        }

        return report.ToString();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task CollectLogsAsync(ResourceLoggerService logs, string resource)
    {
        var kept = _lines.GetOrAdd(resource, _ => new ConcurrentQueue<string>());
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(_stop.Token))
            {
                foreach (var line in batch)
                {
                    kept.Enqueue(line.Content);
                    while (kept.Count > LinesKept && kept.TryDequeue(out _))
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FollowStateAsync(ResourceNotificationService notifications, string resource, CancellationTokenSource onExit)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(_stop.Token))
            {
                if (!string.Equals(update.Resource.Name, resource, StringComparison.Ordinal))
                {
                    continue;
                }

                var snapshot = update.Snapshot;
                var state = snapshot.State?.Text ?? "unknown";
                _states[resource] = $"{state}, health {snapshot.HealthStatus?.ToString() ?? "unknown"}, exit code {snapshot.ExitCode?.ToString() ?? "none"}";
                if (KnownResourceStates.TerminalStates.Contains(state))
                {
                    await onExit.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
