namespace ResumeAspire.LlmTests.Infrastructure;

/// <summary>A request as the fake server saw it: when it arrived (on the server's monotonic clock), where, what, and whether the client gave up on it.</summary>
public sealed class FakeRequest(TimeSpan arrivedAt, string path, string body, IReadOnlyDictionary<string, string> headers)
{
    private volatile bool _aborted;

    public TimeSpan ArrivedAt { get; } = arrivedAt;

    public string Path { get; } = path;

    public string Body { get; } = body;

    /// <summary>Header names in lower case.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    /// <summary>The client closed the request before the (slow) answer was sent.</summary>
    public bool Aborted => _aborted;

    internal void MarkAborted() => _aborted = true;
}
