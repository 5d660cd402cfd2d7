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

    /// <exception cref="UnsupportedFileTypeException">No renderer answers <paramref name="fileType"/>.</exception>
    /// <exception cref="UnsupportedTemplateException"><paramref name="template"/> is not in <see cref="ResumeTemplates.Supported"/>.</exception>
    public RenderedDocument Render(TailoredResume resume, string fileType, string template = ResumeTemplates.Default)
    {
        if (!_renderers.TryGetValue(fileType, out var renderer))
        {
            throw new UnsupportedFileTypeException(fileType);
        }

        // Checked here too, so a bad template fails the same way whichever renderer was picked.
        return ResumeTemplates.Supported.Contains(template)
            ? renderer.Render(resume, template)
            : throw new UnsupportedTemplateException(template);
    }

    /// <summary>Tailors and renders in the default template (callers that predate templates).</summary>
    public Task<GeneratedResume> GenerateAsync(CandidateProfile candidate, string jobRef, string jobDescription, string fileType, CancellationToken cancellationToken) =>
        GenerateAsync(candidate, jobRef, jobDescription, fileType, ResumeTemplates.Default, cancellationToken);

    public async Task<GeneratedResume> GenerateAsync(
        CandidateProfile candidate, string jobRef, string jobDescription, string fileType, string template, CancellationToken cancellationToken)
    {
        var tailored = await TailorAsync(candidate, jobRef, jobDescription, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return new GeneratedResume(tailored, Render(tailored, fileType, template));
    }
}

public sealed record GeneratedResume(TailoredResume Resume, RenderedDocument Document);

public sealed class UnsupportedFileTypeException(string fileType)
    : InvalidOperationException($"No renderer for file type '{fileType}'.");
