using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Core.Rendering;

public interface IResumeRenderer
{
    /// <summary>The <c>file_type</c> value this renderer answers, e.g. <c>word</c>.</summary>
    string FileType { get; }

    /// <summary>Renders the resume in one of <see cref="Domain.ResumeTemplates.Supported"/>.</summary>
    /// <exception cref="UnsupportedTemplateException">The template is not one of the supported ones.</exception>
    RenderedDocument Render(TailoredResume resume, string template);
}

public sealed record RenderedDocument(byte[] Content, string ContentType, string FileName);

public sealed class UnsupportedTemplateException(string template)
    : InvalidOperationException($"No resume template named '{template}'.")
{
    public string Template { get; } = template;
}
