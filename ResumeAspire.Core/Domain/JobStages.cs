namespace ResumeAspire.Core.Domain;

/// <summary>Stage names and the progress each stage reports; the web app shows both.</summary>
public static class JobStages
{
    public const string Queued = "queued";
    public const string Tailoring = "tailoring";
    public const string Rendering = "rendering";
    public const string Storing = "storing";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
