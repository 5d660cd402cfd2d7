using System.Diagnostics;
using ResumeAspire.Core.Data;

namespace ResumeAspire.Api.Jobs;

/// <summary>
/// Ties requests about a job to the job's own trace: status and download spans link to it, and
/// job-status returns its trace id so support can paste it into the dashboard.
/// </summary>
public static class JobTrace
{
    public static ActivityContext? Context(ResumeJob job) =>
        ActivityContext.TryParse(job.TraceParent, job.TraceState, out var context) ? context : null;

    /// <summary>The trace id to show, or null when the job's trace was not sampled: there is nothing to find.</summary>
    public static string? RecordedTraceId(ResumeJob job) =>
        Context(job) is { } context && context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)
            ? context.TraceId.ToHexString()
            : null;

    /// <summary>
    /// What the job carries to the worker. When the trace was not sampled there is no publish
    /// span; the job then gets a context marked "not recorded", so the worker's parent-based
    /// sampler drops its spans as well instead of starting partial traces of its own.
    /// </summary>
    public static (string TraceParent, string? TraceState) Propagation(Activity? publish)
    {
        if ((publish ?? Activity.Current) is { Id: { } id } activity && activity.IdFormat == ActivityIdFormat.W3C)
        {
            return (id, activity.TraceStateString);
        }

        return ($"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-00", null);
    }

    public static void LinkCurrentActivity(ResumeJob job) => LinkCurrentActivity(job.TraceParent, job.TraceState);

    public static void LinkCurrentActivity(string? traceParent, string? traceState)
    {
        if (Activity.Current is { } current && ActivityContext.TryParse(traceParent, traceState, out var context))
        {
            current.AddLink(new ActivityLink(context));
        }
    }
}
