namespace ResumeAspire.Core.Tailoring;

/// <summary>What kind of thing a keyword names; soft skills weigh less because every posting asks for them.</summary>
public enum SkillCategory
{
    Language,
    Framework,
    Data,
    Cloud,
    Tool,
    Practice,
    Soft,
    Healthcare,
    Sales,
    Business,

    /// <summary>A skill the candidate listed that the lexicon does not know.</summary>
    Other,
}
