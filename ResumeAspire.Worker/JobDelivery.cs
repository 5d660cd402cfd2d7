using System.Diagnostics;
using ResumeAspire.Core.Queue;
using ResumeAspire.Core.Telemetry;
using StackExchange.Redis;

namespace ResumeAspire.Worker;

/// <summary>
/// One stream entry being worked on: its consumer span (a child of the enqueue's producer span,
/// from the entry's traceparent) and its cancel token, both from the moment it was read, so the
/// span covers the batch claim and a cancel sent the moment the job turns PROCESSING still
/// reaches this delivery. Disposing ends the span and stops listening for the cancel.
/// </summary>
public sealed class JobDelivery : IDisposable
{
    private readonly RunningJobs _running;

    public JobDelivery(RedisValue entryId, JobMessage message, RunningJobs running)
    {
        (EntryId, Message, _running) = (entryId, message, running);
        _running.Add(message.JobId, Cancelled);

        // Started with an explicit parent and then un-set as current: the deliveries of one read
        // must not become each other's children; each job's own task makes its span current.
        var previous = Activity.Current;
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        Activity = JobsTelemetry.Source.StartActivity($"{QueueNames.Stream} process", ActivityKind.Consumer, parent);
        Activity?.SetTag("messaging.system", "redis");
        Activity?.SetTag("messaging.destination.name", QueueNames.Stream);
        Activity?.SetTag("messaging.operation.type", "process");
        Activity?.SetTag("resume.job.id", message.JobId);
        Activity.Current = previous;
    }

    public RedisValue EntryId { get; }

    public JobMessage Message { get; }

    public Activity? Activity { get; }

    /// <summary>Cancelled by the owner's DELETE (resume:jobs:cancel).</summary>
    public CancellationTokenSource Cancelled { get; } = new();

    public void Dispose()
    {
        _running.Remove(Message.JobId, Cancelled);
        Cancelled.Dispose();
        Activity?.Dispose();
    }
}
