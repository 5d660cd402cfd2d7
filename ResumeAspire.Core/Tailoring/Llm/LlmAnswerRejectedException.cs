namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>The model answered, but the answer cannot be used (see <see cref="LlmAnswerValidator"/>).</summary>
public sealed class LlmAnswerRejectedException(string reason, string code) : Exception($"The LLM answer was rejected: {reason}.")
{
    /// <summary>Why, in words, for the job's note.</summary>
    public string Reason { get; } = reason;

    /// <summary>A low-cardinality code for the metric: <c>malformed</c> or <c>invented</c>.</summary>
    public string Code { get; } = code;
}
