using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Rendering;
using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Core.Generation;

/// <summary>Tailor then render: the part of the pipeline shared by the worker and the synchronous endpoint.</summary>
public sealed class ResumeGenerator(IResumeTailor tailor, IEnumerable<IResumeRenderer> renderers)
{
    private readonly Dictionary<string, IResumeRenderer> _renderers =
        renderers.ToDictionary(r => r.FileType, StringComparer.Ordinal);

    public Task<TailoredResume> TailorAsync(CandidateProfile candidate, string jobRef, string jobDescription, CancellationToken cancellationToken) =>
        tailor.TailorAsync(candidate, jobRef, jobDescription, cancellationToken);

    public RenderedDocument Render(TailoredResume resume, string fileType) =>
        _renderers.TryGetValue(fileType, out var renderer)
            ? renderer.Render(resume)
            : throw new UnsupportedFileTypeException(fileType);

    public async Task<GeneratedResume> GenerateAsync(CandidateProfile candidate, string jobRef, string jobDescription, string fileType, CancellationToken cancellationToken)
    {
        var tailored = await TailorAsync(candidate, jobRef, jobDescription, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return new GeneratedResume(tailored, Render(tailored, fileType));
    }
}

public sealed record GeneratedResume(TailoredResume Resume, RenderedDocument Document);

public sealed class UnsupportedFileTypeException(string fileType)
    : InvalidOperationException($"No renderer for file type '{fileType}'.");
