using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ResumeAspire.Core.Generation;

/// <summary>
/// SHA-256 of everything that determines the output. The candidate version is in it, so editing a
/// candidate makes every older entry unreachable without having to delete it.
/// </summary>
public static partial class ResultCacheKey
{
    /// <summary>Bump when tailoring or rendering changes what the same input produces.</summary>
    public const int TemplateVersion = 2;

    public static string Compute(Guid candidateId, int candidateVersion, string jobDescription, string fileType, string template)
    {
        var normalised = Whitespace().Replace(jobDescription.Trim(), " ").ToLowerInvariant();
        var material = $"{candidateId:N}\n{candidateVersion}\n{fileType}\n{template}\n{TemplateVersion}\n{normalised}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
