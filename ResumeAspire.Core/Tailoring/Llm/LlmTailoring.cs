using System.ComponentModel;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// The typed answer asked of the model (its JSON schema is sent as the response format). Every
/// part points back at the candidate's own data by index, so it can be checked before use.
/// </summary>
public sealed record LlmTailoring(
    [property: Description("Two or three sentences for this job, using only facts from the candidate data.")]
    string Summary,
    [property: Description("The candidate's skills, most relevant to the job first, each written exactly as in the candidate data.")]
    IReadOnlyList<string> Skills,
    [property: Description("Per role of the candidate, the bullets to show, most relevant first.")]
    IReadOnlyList<LlmRole> Roles);

public sealed record LlmRole(
    [property: Description("The role's index in the candidate data.")]
    int Index,
    [property: Description("The role's company, exactly as in the candidate data.")]
    string Company,
    IReadOnlyList<LlmBullet> Bullets);

public sealed record LlmBullet(
    [property: Description("Index of the candidate's original bullet (within this role) that this text rewrites.")]
    int Source,
    [property: Description("The rewritten bullet: one sentence, only facts from the original bullet.")]
    string Text);
