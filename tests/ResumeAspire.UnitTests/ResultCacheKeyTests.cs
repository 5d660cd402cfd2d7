using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ResumeAspire.Core.Generation;

namespace ResumeAspire.UnitTests;

public sealed class ResultCacheKeyTests
{
    private static readonly Guid Candidate = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    // Postings with every kind of white space Regex's \s knows, case that only the invariant
    // culture lowers the same way everywhere, a letter outside the BMP, and a lone surrogate.
    public static TheoryData<string> Postings => new()
    {
        "",
        "   ",
        "Senior Backend Engineer",
        "  \t Senior\r\n\r\nBackend   Engineer \n",
        "C#\u00a0and\u2028.NET\u2029on\u0085Linux\u000b\u000cnow\u3000ok",
        "İSTANBUL Straße ÀÉÎÕÜ ΣΊΣΥΦΟΣ",
        "Deseret \U00010400\U00010401 letters",
        "broken \ud800 surrogate",
        JobDescriptions.BackendDotNet,
    };

    [Theory]
    [MemberData(nameof(Postings))]
    public void Matches_the_key_of_the_regex_normalisation_so_cached_entries_stay_reachable(string posting)
    {
        var expected = Reference(Candidate, 3, posting, "docx", "modern");

        Assert.Equal(expected, ResultCacheKey.Compute(Candidate, 3, posting, "docx", "modern"));
    }

    [Fact]
    public void Postings_that_differ_only_in_white_space_and_case_share_a_key_and_others_do_not()
    {
        var key = ResultCacheKey.Compute(Candidate, 1, "Go  and\nRust", "docx", "classic");

        Assert.Equal(key, ResultCacheKey.Compute(Candidate, 1, " go and rust\t", "docx", "classic"));
        Assert.NotEqual(key, ResultCacheKey.Compute(Candidate, 1, "Go and Rusty", "docx", "classic"));
        Assert.NotEqual(key, ResultCacheKey.Compute(Candidate, 2, "Go and Rust", "docx", "classic"));
        Assert.NotEqual(key, ResultCacheKey.Compute(Candidate, 1, "Go and Rust", "pdf", "classic"));
    }

    // The formula the key had before it was computed in pooled buffers.
    private static string Reference(Guid candidateId, int version, string posting, string fileType, string template)
    {
        var normalised = Regex.Replace(posting.Trim(), @"\s+", " ").ToLowerInvariant();
        var material = $"{candidateId:N}\n{version}\n{fileType}\n{template}\n{ResultCacheKey.TemplateVersion}\n{normalised}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
