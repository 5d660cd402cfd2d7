using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// Builds the resume from a validated answer. What the model may change is the wording (summary
/// and bullets) and the order and selection (skills, bullets); names, titles, dates and
/// education are always copied from the candidate, and the match report is the offline
/// engine's, so scores stay comparable whichever engine wrote the text.
/// </summary>
internal static class LlmResumeComposer
{
    public static TailoredResume Compose(CandidateProfile candidate, TailoredResume offline, LlmTailoring answer)
    {
        // The model's order first, then any skill it left out in the offline order: dropping a
        // skill could drop a keyword an ATS looks for, and the offline match report counts it.
        var byKey = candidate.Skills.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var skills = answer.Skills.Select(s => byKey[Key(s)])
            .Concat(offline.Skills)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var rewritten = answer.Roles.ToDictionary(r => r.Index);
        var experience = candidate.Experience
            .Select((role, r) => rewritten.TryGetValue(r, out var answered) && answered.Bullets.Count > 0
                // Roles stay in the candidate's (chronological) order with the candidate's titles
                // and dates; only the bullets come from the model.
                ? new TailoredExperience(role.Company, role.Title, role.StartDate, role.EndDate, answered.Bullets.Select(b => b.Text.Trim()).ToList())
                : offline.Experience[r])
            .ToList();

        return offline with { Summary = answer.Summary.Trim(), Skills = skills, Experience = experience, Note = null };
    }

    private static string Key(string text) => LlmAnswerValidator.Key(text);
}
