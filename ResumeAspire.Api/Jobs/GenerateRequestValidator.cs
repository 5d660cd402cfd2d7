using ResumeAspire.Core.Domain;

namespace ResumeAspire.Api.Jobs;

public static class GenerateRequestValidator
{
    public const int MaxJobDescriptionLength = 20_000;
    public const int MaxJobRefLength = 100;

    /// <summary>Shape checks only; whether the candidate exists and is the caller's is checked against the database.</summary>
    public static Dictionary<string, string[]> Validate(GenerateRequest request)
    {
        var errors = new Dictionary<string, string[]>();

        if (request.CandidateId is null || request.CandidateId == Guid.Empty)
        {
            errors["candidate_id"] = ["Is required."];
        }

        if (string.IsNullOrWhiteSpace(request.JobId))
        {
            errors["job_id"] = ["Is required (your reference for this job, e.g. JOB-001)."];
        }
        else if (request.JobId.Trim().Length > MaxJobRefLength)
        {
            errors["job_id"] = [$"Must be at most {MaxJobRefLength} characters."];
        }

        if (string.IsNullOrWhiteSpace(request.JobDescription))
        {
            errors["job_description"] = ["Must not be empty."];
        }
        else if (request.JobDescription.Length > MaxJobDescriptionLength)
        {
            errors["job_description"] = [$"Must be at most {MaxJobDescriptionLength:N0} characters (got {request.JobDescription.Length:N0})."];
        }

        if (request.FileType is not null && !FileTypes.Supported.Contains(request.FileType))
        {
            errors["file_type"] = [$"Unknown file type '{Truncate(request.FileType)}'; supported: {string.Join(", ", FileTypes.Supported)}."];
        }

        if (request.Template is not null && !ResumeTemplates.Supported.Contains(request.Template))
        {
            errors["template"] = [$"Unknown template '{Truncate(request.Template)}'; supported: {string.Join(", ", ResumeTemplates.Supported)}."];
        }

        return errors;
    }

    public static string TemplateOrDefault(GenerateRequest request) => request.Template ?? ResumeTemplates.Default;

    /// <summary>The seed clients always send <c>word</c>; an omitted file type means the same.</summary>
    public static string FileTypeOrDefault(GenerateRequest request) => request.FileType ?? FileTypes.Word;

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
