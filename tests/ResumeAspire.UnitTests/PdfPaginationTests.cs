using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.UnitTests;

/// <summary>
/// Long resumes: the file has as many pages as the paginator planned, and the plan keeps to the
/// rules of a word processor (nothing past the margin, no heading at the foot of a page, no widows
/// or orphans).
/// </summary>
public sealed class PdfPaginationTests : IDisposable
{
    private static readonly PdfRole[] KeptWithNext = [PdfRole.Name, PdfRole.Headline, PdfRole.Heading, PdfRole.RoleHeading, PdfRole.RoleDates];

    private readonly TempDirectory _files = new("resume-pages-");

    public static TheoryData<string> Templates => [.. ResumeTemplates.Supported.Order(StringComparer.Ordinal)];

    public void Dispose() => _files.Dispose();

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_long_resume_has_the_pages_the_paginator_planned(string template)
    {
        var resume = LongResume.Create(roles: 12, bulletsPerRole: 8);

        var planned = PdfResumeRenderer.Lay(resume, template).Pages.Count;
        var path = Save(resume, template);

        Assert.True(planned >= 2, $"12 roles × 8 bullets planned on {planned} page(s)");
        Assert.Equal(planned, Poppler.Pages(path));
        var text = Poppler.Text(path);
        Assert.All(resume.Experience.SelectMany(e => e.Bullets), bullet => Assert.Contains(bullet, text));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_short_resume_fits_on_one_page(string template)
    {
        var resume = KeywordTailor.Tailor(Candidates.BackendEngineer(), "JOB-001", JobDescriptions.BackendDotNet);

        Assert.Single(PdfResumeRenderer.Lay(resume, template).Pages);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Pages_grow_with_the_content(string template)
    {
        var counts = new[] { 2, 6, 12, 24 }.Select(roles => PdfResumeRenderer.Lay(LongResume.Create(roles), template).Pages.Count).ToList();

        Assert.Equal(counts.Order(), counts);
        Assert.True(counts[^1] > counts[0]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Keeps_every_line_inside_the_margins(string template)
    {
        var layout = PdfResumeRenderer.Lay(LongResume.Create(), template);

        Assert.All(layout.Pages.SelectMany(p => p.Lines), line =>
        {
            var style = layout.Styles[line.Role];
            Assert.InRange(line.Top, PdfPageGeometry.Margin, PdfPageGeometry.Bottom - style.LineHeight + 0.5);
            Assert.InRange(line.X, PdfPageGeometry.Margin, PdfPageGeometry.Margin + PdfStyleSheet.BulletIndent);
        });
        Assert.All(layout.Pages, page => Assert.NotEmpty(page.Lines));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Never_ends_a_page_with_a_heading(string template)
    {
        var layout = PdfResumeRenderer.Lay(LongResume.Create(), template);

        foreach (var (page, index) in layout.Pages.Select((p, i) => (p, i)).SkipLast(1))
        {
            var last = page.Lines[^1];
            Assert.False(KeptWithNext.Contains(last.Role), $"page {index + 1} ends with the {last.Role} '{last.Text}'");
        }

        // And a role heading, its dates and its first bullet always share a page.
        foreach (var page in layout.Pages)
        {
            for (var i = 0; i < page.Lines.Count; i++)
            {
                if (page.Lines[i].Role == PdfRole.RoleHeading)
                {
                    Assert.True(i + 2 < page.Lines.Count, $"'{page.Lines[i].Text}' is not followed by its dates and first bullet on its page");
                    Assert.Equal(PdfRole.RoleDates, page.Lines[i + 1].Role);
                    Assert.Equal(PdfRole.Bullet, page.Lines[i + 2].Role);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Leaves_no_widows_or_orphans(string template)
    {
        // Bullets of one long sentence each, so paragraphs have to be split across pages.
        var resume = LongResume.Create(roles: 3, bulletsPerRole: 4) is var r
            ? r with { Experience = [.. r.Experience.Select(e => e with { Bullets = [.. e.Bullets.Select(b => string.Join(' ', Enumerable.Repeat(b, 6)))] })] }
            : throw new InvalidOperationException();
        var layout = PdfResumeRenderer.Lay(resume, template);

        Assert.True(layout.Pages.Count >= 2);
        var split = 0;
        for (var i = 1; i < layout.Pages.Count; i++)
        {
            var previous = layout.Pages[i - 1].Lines;
            var next = layout.Pages[i].Lines;
            if (!next[0].StartsBlock)
            {
                split++;
                var before = previous.Count - previous.FindLastIndex(l => l.StartsBlock);
                var after = next.FindIndex(1, l => l.StartsBlock) is var end and >= 0 ? end : next.Count;
                Assert.True(before >= 2, $"page {i} ends with a single line of a paragraph");
                Assert.True(after >= 2, $"page {i + 1} starts with a single line of a paragraph");
            }
        }

        Assert.True(split > 0, "the test resume should force at least one paragraph across a page break");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Same_input_gives_the_same_text(string template)
    {
        var resume = LongResume.Create();

        var first = Poppler.Text(Save(resume, template, "first"));
        var second = Poppler.Text(Save(resume, template, "second"));

        Assert.Equal(first, second);
        Assert.Equal(
            PdfResumeRenderer.Lay(resume, template).Pages.SelectMany(p => p.Lines),
            PdfResumeRenderer.Lay(resume, template).Pages.SelectMany(p => p.Lines));
    }

    [Fact]
    public async Task Renders_in_parallel_like_the_worker_does()
    {
        // PDFsharp keeps fonts in process-wide caches; concurrent jobs must neither fail nor disturb each other's layout.
        var resume = LongResume.Create(roles: 4);
        var expected = Text(PdfResumeRenderer.Lay(resume, ResumeTemplates.Modern));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            var template = i % 2 == 0 ? ResumeTemplates.Modern : ResumeTemplates.Classic;
            var rendered = new PdfResumeRenderer().Render(resume, template);
            return (template, rendered.Content.Length, Text(PdfResumeRenderer.Lay(resume, template)));
        })));

        Assert.All(results, r => Assert.True(r.Length > 0));
        Assert.All(results.Where(r => r.template == ResumeTemplates.Modern), r => Assert.Equal(expected, r.Item3));

        static string Text(PdfDocumentLayout layout) => string.Join('\n', layout.Pages.SelectMany(p => p.Lines).Select(l => $"{l.Top:0.00} {l.Text}"));
    }

    private string Save(TailoredResume resume, string template, string tag = "")
    {
        var rendered = new PdfResumeRenderer().Render(resume, template);
        return _files.Write($"{template}{tag}-{rendered.FileName}", rendered.Content);
    }
}
