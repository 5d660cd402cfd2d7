namespace ResumeAspire.Core.Domain;

/// <summary>Status values kept from the original Flask + Celery system; clients compare these strings.</summary>
public static class JobStatus
{
    public const string Pending = "PENDING";
    public const string Processing = "PROCESSING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";

    public static bool IsFinal(string status) =>
        status is Completed or Failed or Cancelled;
}
