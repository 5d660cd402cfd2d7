using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ResumeAspire.Core.Generation;

/// <summary>
/// SHA-256 of everything that determines the output. The candidate version is in it, so editing a
/// candidate makes every older entry unreachable without having to delete it.
/// </summary>
public static class ResultCacheKey
{
    /// <summary>Bump when tailoring or rendering changes what the same input produces.</summary>
    public const int TemplateVersion = 2;

    /// <summary>
    /// The posting counts trimmed, with each run of white space as one space, in lower case: the
    /// same key as <c>Regex.Replace(d.Trim(), @"\s+", " ").ToLowerInvariant()</c> gave (keys in Redis
    /// stay valid), computed in pooled buffers because it runs on every enqueue (bench/README.md).
    /// </summary>
    public static string Compute(Guid candidateId, int candidateVersion, string jobDescription, string fileType, string template)
    {
        var text = jobDescription.AsSpan().Trim();
        var chars = ArrayPool<char>.Shared.Rent(text.Length * 2);
        byte[]? bytes = null;
        try
        {
            var collapsed = chars.AsSpan(0, text.Length);
            var n = 0;
            var inSpace = false;
            foreach (var ch in text)
            {
                // Regex's \s and char.IsWhiteSpace are the same set (\t–\r, \x85, Zs, Zl, Zp).
                if (char.IsWhiteSpace(ch))
                {
                    if (!inSpace)
                    {
                        collapsed[n++] = ' ';
                        inSpace = true;
                    }
                }
                else
                {
                    collapsed[n++] = ch;
                    inSpace = false;
                }
            }

            var lower = chars.AsSpan(text.Length, n);
            collapsed[..n].ToLowerInvariant(lower);

            var header = $"{candidateId:N}\n{candidateVersion}\n{fileType}\n{template}\n{TemplateVersion}\n";
            bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(header.Length + n));
            var length = Encoding.UTF8.GetBytes(header, bytes);
            length += Encoding.UTF8.GetBytes(lower, bytes.AsSpan(length));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            if (bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }
}
