using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Benchmarks;

/// <summary>The inputs every benchmark shares, built and checked once per benchmark process.</summary>
internal static class Fixture
{
    public static readonly string[] Templates = [ResumeTemplates.Classic, ResumeTemplates.Modern];

    public static CandidateProfile Candidate() => SampleData.Candidate();

    /// <summary>Tailors the sample and renders it once in every format and template, so a benchmark fails loudly instead of timing an exception path or an empty file.</summary>
    public static TailoredResume CheckedTailoredResume()
    {
        var tailored = KeywordTailor.Tailor(SampleData.Candidate(), SampleData.JobRef, SampleData.JobDescription);
        if (tailored.Match.Matched.Count == 0 || tailored.Skills.Count != 25 || tailored.Experience.Sum(e => e.Bullets.Count) != 25)
        {
            throw new InvalidOperationException("The sample candidate did not tailor as expected.");
        }

        foreach (var template in Templates)
        {
            var docx = new WordResumeRenderer().Render(tailored, template).Content;
            if (docx.Length < 1_000 || docx[0] != (byte)'P' || docx[1] != (byte)'K')
            {
                throw new InvalidOperationException($"The {template} .docx is not a zip package.");
            }

            var pdf = new PdfResumeRenderer().Render(tailored, template).Content;
            if (pdf.Length < 1_000 || !"%PDF"u8.SequenceEqual(pdf.AsSpan(0, 4)))
            {
                throw new InvalidOperationException($"The {template} .pdf does not start with %PDF.");
            }
        }

        return tailored;
    }
}
