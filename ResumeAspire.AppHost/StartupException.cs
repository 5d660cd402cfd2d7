namespace ResumeAspire.AppHost;

/// <summary>
/// A problem the user can fix (a missing package, a bad setting). Program prints its message
/// alone and exits non-zero: a stack trace would bury the one sentence that matters.
/// </summary>
internal sealed class StartupException(string message) : Exception(message);
