using BenchmarkDotNet.Attributes;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Benchmarks;

// The CPU-bound work of one resume job, without queue, database or LLM. Inputs: SampleData
// (5 roles × 5 bullets, 25 skills; a ~3,000-character posting). Memory is measured per operation.
//
// Each class fixes its invocations per iteration so that one iteration takes about 250 ms on the
// 2-core bench machine (see BenchConfig): the warm-up then lasts about 4 s whatever the cost of an
// operation, which is what tiered JIT and dynamic PGO need to settle, and every benchmark measures
// at least 20 × 64 = 1,280 invocations. Keep the counts multiples of 16 (the unroll factor).

/// <summary>KeywordTailor.Tailor, the offline engine's synchronous core: skill extraction from the posting, reordering of skills and bullets, summary, match score.</summary>
[MemoryDiagnoser]
[InvocationCount(320)]
public class Tailoring
{
    private CandidateProfile _candidate = null!;

    [GlobalSetup]
    public void Setup()
    {
        Fixture.CheckedTailoredResume();
        _candidate = Fixture.Candidate();
    }

    [Benchmark]
    public TailoredResume Tailor() => KeywordTailor.Tailor(_candidate, SampleData.JobRef, SampleData.JobDescription);
}

/// <summary>WordResumeRenderer.Render of the already tailored resume: OpenXML document, styles, numbering, zip package, bytes.</summary>
[MemoryDiagnoser]
[InvocationCount(512)]
public class WordRendering
{
    private readonly WordResumeRenderer _renderer = new();
    private TailoredResume _tailored = null!;

    [ParamsSource(nameof(Templates))]
    public string Template { get; set; } = ResumeTemplates.Default;

    public static IEnumerable<string> Templates() => Fixture.Templates;

    [GlobalSetup]
    public void Setup() => _tailored = Fixture.CheckedTailoredResume();

    [Benchmark]
    public RenderedDocument RenderDocx() => _renderer.Render(_tailored, Template);
}

/// <summary>PdfResumeRenderer.Render of the already tailored resume: line breaking, pagination, drawing, font subsetting, save, bytes.</summary>
[MemoryDiagnoser]
[InvocationCount(64)]
public class PdfRendering
{
    private readonly PdfResumeRenderer _renderer = new();
    private TailoredResume _tailored = null!;

    [ParamsSource(nameof(Templates))]
    public string Template { get; set; } = ResumeTemplates.Default;

    public static IEnumerable<string> Templates() => Fixture.Templates;

    [GlobalSetup]
    public void Setup() => _tailored = Fixture.CheckedTailoredResume();

    [Benchmark]
    public RenderedDocument RenderPdf() => _renderer.Render(_tailored, Template);
}

/// <summary>Tailor then render the .docx: from the candidate and the posting to the file's bytes, what the worker computes for a Word job with the offline engine.</summary>
[MemoryDiagnoser]
[InvocationCount(192)]
public class EndToEnd
{
    private readonly WordResumeRenderer _renderer = new();
    private CandidateProfile _candidate = null!;

    [ParamsSource(nameof(Templates))]
    public string Template { get; set; } = ResumeTemplates.Default;

    public static IEnumerable<string> Templates() => Fixture.Templates;

    [GlobalSetup]
    public void Setup()
    {
        Fixture.CheckedTailoredResume();
        _candidate = Fixture.Candidate();
    }

    [Benchmark]
    public RenderedDocument TailorAndRenderDocx() =>
        _renderer.Render(KeywordTailor.Tailor(_candidate, SampleData.JobRef, SampleData.JobDescription), Template);
}
