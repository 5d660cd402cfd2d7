namespace ResumeAspire.Core.Tailoring;

/// <summary>Where in a job description a phrase stands, which sets how much its skills weigh.</summary>
internal enum JobSection
{
    /// <summary>Responsibilities, the role, or text under no heading.</summary>
    General,
    Required,
    Preferred,

    /// <summary>About the company, benefits, legal text: skills named there are barely asked for.</summary>
    Context,
}

internal static class JobSectionWeights
{
    public static double Of(JobSection section) => section switch
    {
        JobSection.Required => 1.0,
        JobSection.General => 0.8,
        JobSection.Preferred => 0.5,
        _ => 0.3,
    };
}
