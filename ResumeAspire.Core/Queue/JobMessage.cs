using System.Globalization;
using StackExchange.Redis;

namespace ResumeAspire.Core.Queue;

/// <summary>
/// The stream entry: ids and trace context only. PostgreSQL holds the job itself, so a lost
/// entry can always be rebuilt from the row.
/// </summary>
public sealed record JobMessage(Guid JobId, string? TraceParent, string? TraceState, DateTimeOffset EnqueuedAt)
{
    private const string JobIdField = "job_id";
    private const string TraceParentField = "traceparent";
    private const string TraceStateField = "tracestate";
    private const string EnqueuedAtField = "enqueued_at";

    /// <summary>A compact single-string form for the delayed-retry sorted set.</summary>
    public string ToMember() =>
        string.Join('|', JobId.ToString(), TraceParent ?? "", TraceState ?? "", EnqueuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public NameValueEntry[] ToStreamEntry() =>
    [
        new(JobIdField, JobId.ToString()),
        new(TraceParentField, TraceParent ?? string.Empty),
        new(TraceStateField, TraceState ?? string.Empty),
        new(EnqueuedAtField, EnqueuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>Reads an entry; null when it is not a job message (so a stray entry is acknowledged, not retried forever).</summary>
    public static JobMessage? FromStreamEntry(StreamEntry entry)
    {
        if (!Guid.TryParse(entry[JobIdField].ToString(), out var jobId))
        {
            return null;
        }

        var enqueuedAt = long.TryParse(entry[EnqueuedAtField].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UtcNow;

        return new JobMessage(jobId, NullIfEmpty(entry[TraceParentField]), NullIfEmpty(entry[TraceStateField]), enqueuedAt);
    }

    private static string? NullIfEmpty(RedisValue value) => value.IsNullOrEmpty ? null : value.ToString();
}
