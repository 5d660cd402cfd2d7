namespace ResumeAspire.LlmTests.Infrastructure;

/// <summary>One scripted behaviour of the fake OpenAI-compatible server, used for one request.</summary>
public abstract record FakeReply
{
    /// <summary>200 with a chat completion whose message content is <paramref name="Content"/> (valid JSON or not).</summary>
    public static FakeReply Answer(string Content) => new AnswerReply(Content);

    /// <summary>An error status, optionally with a <c>Retry-After</c> header in whole seconds.</summary>
    public static FakeReply Status(int Code, int? RetryAfterSeconds = null) => new StatusReply(Code, RetryAfterSeconds);

    /// <summary>Waits <paramref name="Delay"/> (noticing when the client gives up), then replies as <paramref name="Then"/>.</summary>
    public static FakeReply Slow(TimeSpan Delay, FakeReply Then) => new SlowReply(Delay, Then);

    /// <summary>200 whose body is not JSON at all: the HTTP layer itself is malformed.</summary>
    public static FakeReply BrokenBody() => new BrokenBodyReply();
}

public sealed record AnswerReply(string Content) : FakeReply;

public sealed record StatusReply(int Code, int? RetryAfterSeconds) : FakeReply;

public sealed record SlowReply(TimeSpan Delay, FakeReply Then) : FakeReply;

public sealed record BrokenBodyReply : FakeReply;
