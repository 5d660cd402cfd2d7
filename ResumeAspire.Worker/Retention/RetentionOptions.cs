using System.ComponentModel.DataAnnotations;

namespace ResumeAspire.Worker.Retention;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>COMPLETED jobs are deleted once they were created longer ago than this.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan CompletedAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>FAILED and CANCELLED jobs are deleted once they were created longer ago than this.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan FailedAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Minimum age of a document that no job references before it is deleted. It must stay well
    /// above the result-cache TTL: a cache hit hands out an existing document id, and that
    /// document may be briefly unreferenced (its jobs already deleted) when the hit happens.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan OrphanedDocumentsAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Time between two rounds (each replica adds a little jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows per DELETE statement, each in its own short transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}
