namespace ResumeAspire.Core.Generation;

/// <summary>
/// A failure that no retry can fix (the candidate was deleted, the data is invalid): the job
/// fails at once instead of using up its attempts.
/// </summary>
public sealed class PermanentJobException(string message, Exception? inner = null) : Exception(message, inner);
