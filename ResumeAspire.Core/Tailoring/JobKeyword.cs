namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// One skill a job description asks for, under its canonical display name (e.g. "Kubernetes" for "k8s").
/// </summary>
/// <param name="Weight">Importance: about 1 for a required skill, 0.5 for a nice-to-have; repetition and the job title add to it.</param>
/// <param name="IsRequired">Named at least once under a requirements cue ("Requirements", "Must have", "required").</param>
/// <param name="Occurrences">How many times the description names it, through any synonym.</param>
public sealed record JobKeyword(string Name, SkillCategory Category, double Weight, bool IsRequired, int Occurrences);
