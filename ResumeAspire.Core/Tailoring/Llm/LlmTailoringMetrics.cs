using System.Diagnostics.Metrics;
using ResumeAspire.Core.Telemetry;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// How LLM tailorings end, on the pipeline's meter (<c>ResumeAspire.Jobs</c>, already exported):
/// outcome <c>used</c>, <c>rejected</c> (the answer failed validation) or <c>failed</c> (no usable
/// answer: error, timeout, open circuit), with a reason code.
/// </summary>
internal sealed class LlmTailoringMetrics
{
    private readonly Counter<long> _tailorings;

    public LlmTailoringMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(JobsTelemetry.Name);
        _tailorings = meter.CreateCounter<long>("resume.tailor.llm", "{tailoring}", "LLM tailorings by outcome: used, rejected or failed (offline fallback)");
    }

    public void Record(string outcome, string reason) =>
        _tailorings.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason));
}
