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

    public static void LinkCurrentActivity(ResumeJob job) => LinkCurrentActivity(job.TraceParent, job.TraceState);

    public static void LinkCurrentActivity(string? traceParent, string? traceState)
    {
        if (Activity.Current is { } current && ActivityContext.TryParse(traceParent, traceState, out var context))
        {
            current.AddLink(new ActivityLink(context));
        }
    }
}
