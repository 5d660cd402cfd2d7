using System.Text.RegularExpressions;

namespace ResumeAspire.Core.Tailoring;

/// <summary>A sentence of a job description with the section it falls under.</summary>
internal sealed record JobClause(string Text, JobSection Section, bool IsTitle);

/// <summary>
/// Walks a job description line by line, following its headings ("Requirements:", "## Nice to
/// have", "Benefits") so every sentence knows whether it is required, preferred or background.
/// The first short line, when it is not a heading or a bullet, is taken as the job title.
/// </summary>
internal static partial class JobDescriptionReader
{
    private const int MaxHeadingWords = 6;
    private const int MaxTitleWords = 12;

    public static IEnumerable<JobClause> Read(string jobDescription)
    {
        var section = JobSection.General;
        var seenContent = false;
        foreach (var raw in jobDescription.Split('\n'))
        {
            var isBullet = BulletMarker().IsMatch(raw);
            var isMarkdownHeading = raw.TrimStart().StartsWith('#');
            var line = Decoration().Replace(raw, "").Trim().Trim('*', '_').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var looksLikeHeading = isMarkdownHeading || (line.EndsWith(':') && WordCount(line) <= MaxHeadingWords);
            if ((looksLikeHeading || (!isBullet && IsBareHeading(line))) && SectionCues.OfHeading(line) is { } opened)
            {
                section = opened;
                seenContent = true;
                continue;
            }

            if (looksLikeHeading && seenContent)
            {
                // An unknown heading ("Our product", "Stack:") ends the previous section; its words still count.
                section = JobSection.General;
            }

            var lineSection = section;
            var content = line;
            var colon = line.IndexOf(':');
            if (colon > 0 && WordCount(line.AsSpan(0, colon)) <= MaxHeadingWords && SectionCues.OfHeading(line[..colon]) is { } inline)
            {
                // "Nice to have: Kafka, Redis" — on a bullet it speaks for that bullet only.
                lineSection = inline;
                section = isBullet ? section : inline;
                content = line[(colon + 1)..];
            }

            var isTitle = !seenContent && !isBullet && colon < 0 && WordCount(line) <= MaxTitleWords && !line.EndsWith('.');
            seenContent = true;
            foreach (var sentence in SentenceBreak().Split(content))
            {
                if (sentence.Length > 0)
                {
                    yield return new JobClause(sentence, SectionCues.OfSentence(sentence) ?? lineSection, isTitle);
                }
            }
        }
    }

    // A short line with no sentence punctuation and no skill in it reads as a heading ("Nice to have").
    private static bool IsBareHeading(string line) =>
        WordCount(line) <= MaxHeadingWords
        && !line.EndsWith('.')
        && !SkillLexicon.Index.FindAll(TextNormalizer.Tokenize(line)).Any();

    // Words as string.Split(null) sees them, counted without splitting: this runs on every line.
    private static int WordCount(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }

    [GeneratedRegex(@"^\s*(?:[-*•·▪◦‣>+]|\d{1,2}[.)])\s+")]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"^\s*(?:#+|[-*•·▪◦‣>+]|\d{1,2}[.)])\s*")]
    private static partial Regex Decoration();

    [GeneratedRegex(@"(?<=[.!?;])\s+")]
    private static partial Regex SentenceBreak();
}
