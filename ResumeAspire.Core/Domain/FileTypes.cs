namespace ResumeAspire.Core.Domain;

public static class FileTypes
{
    public const string Word = "word";
    public const string Pdf = "pdf";

    /// <summary>File types a job may ask for; anything else is rejected with a 400.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { Word, Pdf };
}
