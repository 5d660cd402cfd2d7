using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;
using Xunit.Abstractions;

namespace ResumeAspire.UnitTests;

/// <summary>
/// Converts the .docx files with LibreOffice headless, once for the class (starting LibreOffice
/// costs seconds): a second, independent word processor has to open them without complaint.
/// </summary>
public sealed class LibreOfficeConversion : IDisposable
{
    private readonly TempDirectory _files = new("resume-soffice-");

    public LibreOfficeConversion()
    {
        var documents = new Dictionary<string, TailoredResume>
        {
            [ResumeTemplates.Classic] = Resume,
            [ResumeTemplates.Modern] = Resume,
            ["long-" + ResumeTemplates.Classic] = LongResume.Create(),
            ["long-" + ResumeTemplates.Modern] = LongResume.Create(),
        };
        var inputs = documents.Select(d => _files.Write($"{d.Key}.docx", new WordResumeRenderer().Render(d.Value, d.Key.Replace("long-", "", StringComparison.Ordinal)).Content)).ToList();
        OutputDirectory = Directory.CreateDirectory(Path.Combine(_files.Path, "pdf")).FullName;

        // A private profile: no clash with a user's LibreOffice or with a parallel run, nothing left in $HOME.
        var profile = new Uri(Path.Combine(_files.Path, "profile")).AbsoluteUri;
        Result = ExternalTool.Run(
            "soffice",
            "libreoffice-writer-nogui",
            [$"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", OutputDirectory, .. inputs],
            TimeSpan.FromMinutes(5));
    }

    public static TailoredResume Resume { get; } = KeywordTailor.Tailor(Candidates.BackendEngineer(), "JOB-001", JobDescriptions.BackendDotNet);

    public ToolResult Result { get; }

    public string OutputDirectory { get; }

    public string Pdf(string name) => Path.Combine(OutputDirectory, $"{name}.pdf");

    public void Dispose() => _files.Dispose();
}

public sealed class LibreOfficeConversionTests(LibreOfficeConversion conversion, ITestOutputHelper output) : IClassFixture<LibreOfficeConversion>
{
    public static TheoryData<string> Templates => [.. ResumeTemplates.Supported.Order(StringComparer.Ordinal)];

    [Fact]
    public void Converts_every_document_without_error()
    {
        output.WriteLine($"LibreOffice converted 4 documents in {conversion.Result.Elapsed.TotalSeconds:0.0} s (one process, cold profile).");
        output.WriteLine(conversion.Result.StandardOutput);

        Assert.True(conversion.Result.ExitCode == 0, $"soffice exited with {conversion.Result.ExitCode}: {conversion.Result.StandardError}");
        Assert.Equal(4, conversion.Result.StandardOutput.Split('\n').Count(l => l.Contains("using filter : writer_pdf_Export", StringComparison.Ordinal)));
        Assert.DoesNotContain("Error", conversion.Result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_converted_document_has_the_resume_on_one_page(string template)
    {
        var pdf = conversion.Pdf(template);

        Assert.True(File.Exists(pdf), $"LibreOffice wrote no {pdf}: {conversion.Result.StandardError}");
        Assert.Equal(1, Poppler.Pages(pdf));
        var text = Poppler.Text(pdf);
        Assert.StartsWith("Jane Doe Senior Software Engineer", text);
        Assert.All(LibreOfficeConversion.Resume.Experience.SelectMany(e => e.Bullets), bullet => Assert.Contains(bullet, text));
        Assert.All(LibreOfficeConversion.Resume.Match.Matched, keyword => Assert.Contains(keyword, text, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_long_document_runs_over_several_pages(string template)
    {
        var pdf = conversion.Pdf("long-" + template);

        Assert.True(File.Exists(pdf), $"LibreOffice wrote no {pdf}: {conversion.Result.StandardError}");
        var pages = Poppler.Pages(pdf);
        output.WriteLine($"{template}: LibreOffice {pages} pages, our PDF {PdfResumeRenderer.Lay(LongResume.Create(), template).Pages.Count}");
        Assert.True(pages >= 2, $"{pages} page(s)");
    }

    [Fact]
    public void Conversion_takes_less_than_a_minute()
    {
        // Generous: a cold profile on a slow CI machine takes several seconds; a hang would take minutes.
        Assert.True(conversion.Result.Elapsed < TimeSpan.FromMinutes(1), $"{conversion.Result.Elapsed}");
    }
}
