namespace ResumeAspire.Api.Admin;

/// <summary>Who may see the queue overview, and where the operators' dashboard is.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Email addresses of the users with admin rights (case-insensitive). None by default.</summary>
    public string[] Emails { get; set; } = [];

    /// <summary>The Aspire dashboard's address, linked from the queue overview when known (the app host sets it in run mode).</summary>
    [System.ComponentModel.DataAnnotations.Url]
    public string? DashboardUrl { get; set; }
}
