using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring;

public interface IResumeTailor
{
    Task<TailoredResume> TailorAsync(CandidateProfile candidate, string jobRef, string jobDescription, CancellationToken cancellationToken);
}
