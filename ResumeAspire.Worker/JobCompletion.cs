using System.Diagnostics;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Worker;

/// <summary>A finished job waiting for its document INSERT and COMPLETED to be committed.</summary>
/// <param name="Trace">The job's span that waits for the commit: the group's statement is recorded under the first job's.</param>
public sealed record JobCompletion(ClaimedJob Job, TailoredResume Tailored, RenderedDocument Document, Activity? Trace)
{
    public Guid DocumentId { get; } = Guid.CreateVersion7();

    /// <summary>True once committed; false when this delivery no longer owned the job (cancelled, or taken over), and then nothing was written.</summary>
    public TaskCompletionSource<bool> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
