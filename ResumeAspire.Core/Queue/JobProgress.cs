namespace ResumeAspire.Core.Queue;

/// <summary>What the worker publishes on <c>resume:progress:{userId}</c> after each step.</summary>
public sealed record JobProgress(Guid JobId, string Status, int Progress, string? Stage, string? Error);
