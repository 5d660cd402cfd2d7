namespace ResumeAspire.Core.Tailoring;

/// <summary>
/// Turns a job description into its weighted skill keywords. A keyword weighs what its most
/// demanding mention says (required 1.0, general 0.8, preferred 0.5, company/benefits text 0.3),
/// plus 0.1 per repeat (up to three) and 0.25 when the job title names it; soft skills count 60%
/// because nearly every posting asks for them. Order: weight, then first mention, then name.
/// </summary>
internal static class KeywordExtractor
{
    private const double RepeatBonus = 0.1;
    private const int MaxRepeatsCounted = 3;
    private const double TitleBonus = 0.25;
    private const double SoftSkillFactor = 0.6;

    public static IReadOnlyList<JobKeyword> Extract(string jobDescription, TermIndex index)
    {
        var mentions = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var position = 0;
        foreach (var clause in JobDescriptionReader.Read(jobDescription))
        {
            var tokens = TextNormalizer.Tokenize(clause.Text);
            foreach (var (skill, at) in index.FindAll(tokens))
            {
                if (!mentions.TryGetValue(skill.Name, out var tally))
                {
                    mentions[skill.Name] = tally = new Tally(skill, position + at);
                }

                tally.Add(clause);
            }

            position += tokens.Count;
        }

        return mentions.Values
            .Select(t => new { Tally = t, Keyword = t.ToKeyword() })
            .OrderByDescending(x => x.Keyword.Weight)
            .ThenBy(x => x.Tally.FirstPosition)
            .ThenBy(x => x.Keyword.Name, StringComparer.Ordinal)
            .Select(x => x.Keyword)
            .ToList();
    }

    private sealed class Tally(SkillDefinition skill, int firstPosition)
    {
        private double strongest;
        private bool required;
        private bool inTitle;
        private int count;

        public int FirstPosition { get; } = firstPosition;

        public void Add(JobClause clause)
        {
            strongest = Math.Max(strongest, JobSectionWeights.Of(clause.Section));
            required |= clause.Section == JobSection.Required;
            inTitle |= clause.IsTitle;
            count++;
        }

        public JobKeyword ToKeyword()
        {
            var weight = strongest + (RepeatBonus * Math.Min(count - 1, MaxRepeatsCounted)) + (inTitle ? TitleBonus : 0);
            if (skill.Category == SkillCategory.Soft)
            {
                weight *= SoftSkillFactor;
            }

            return new JobKeyword(skill.Name, skill.Category, Math.Round(weight, 3), required, count);
        }
    }
}
