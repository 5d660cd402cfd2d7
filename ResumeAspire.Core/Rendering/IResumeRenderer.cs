using ResumeAspire.Core.Tailoring;

namespace ResumeAspire.Core.Rendering;

public interface IResumeRenderer
{
    /// <summary>The <c>file_type</c> value this renderer answers, e.g. <c>word</c>.</summary>
    string FileType { get; }

    RenderedDocument Render(TailoredResume resume);
}

public sealed record RenderedDocument(byte[] Content, string ContentType, string FileName);
