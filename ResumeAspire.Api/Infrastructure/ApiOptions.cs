using System.ComponentModel.DataAnnotations;

namespace ResumeAspire.Api.Infrastructure;

public sealed class ApiOptions
{
    public const string Section = "Api";
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    /// <summary>Largest request body Kestrel accepts; a job description is at most 20,000 characters.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    [Range(1, 100)]
    public int MaxPageSize { get; set; } = 100;
}
