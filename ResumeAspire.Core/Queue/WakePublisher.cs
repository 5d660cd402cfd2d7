using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ResumeAspire.Core.Queue;

/// <summary>
/// Tells idle workers that the stream has new entries. The first request publishes at once; requests
/// that arrive while a wake-up is going out are answered together by one more PUBLISH a
/// <see cref="Window"/> later. So every request is followed by a PUBLISH sent after it, and one process
/// sends at most about 1 / <see cref="Window"/> of them a second however fast it enqueues: one PUBLISH
/// per enqueue had every worker handle 3,000+ wake-ups a second under load (bench/README.md).
/// </summary>
public sealed class WakePublisher
{
    /// <summary>How long after a wake-up the next one can go out: what an idle worker may wait, plus one PUBLISH round trip.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(5);

    private const int Idle = 0, Publishing = 1, PublishingAndAskedAgain = 2;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly ILogger _logger;
    private int _state;
    private long _requests;

    public WakePublisher(IConnectionMultiplexer redis, ILogger<WakePublisher> logger)
        : this(redis, RedisChannel.Literal(QueueNames.WakeChannel), logger)
    {
    }

    internal WakePublisher(IConnectionMultiplexer redis, RedisChannel channel, ILogger logger)
    {
        _redis = redis;
        _channel = channel;
        _logger = logger;
    }

    /// <summary>Call after the entry is on the stream. Never waits; a lost wake-up only delays a job until the workers' next poll.</summary>
    public void Request()
    {
        Interlocked.Increment(ref _requests);
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Idle when Interlocked.CompareExchange(ref _state, Publishing, Idle) == Idle:
                    // Not under the caller's span: the wake-ups that follow answer other requests too.
                    using (ExecutionContext.SuppressFlow())
                    {
                        _ = Task.Run(PublishAsync);
                    }

                    return;
                case Publishing when Interlocked.CompareExchange(ref _state, PublishingAndAskedAgain, Publishing) == Publishing:
                case PublishingAndAskedAgain:
                    return;
            }
        }
    }

    private async Task PublishAsync()
    {
        while (true)
        {
            try
            {
                // The payload, how many requests this process has had, lets a reader see that the last one was covered.
                await _redis.GetSubscriber().PublishAsync(_channel, Volatile.Read(ref _requests));
            }
            catch (Exception e)
            {
                // Whatever failed, the state must not stay Publishing: that would end wake-ups for good.
                _logger.LogDebug(e, "Wake-up not published; idle workers find the entry at their next poll");
            }

            await Task.Delay(Window);
            if (Interlocked.CompareExchange(ref _state, Idle, Publishing) == Publishing)
            {
                return;
            }

            // Asked again while this one went out: one more PUBLISH answers all of them.
            Volatile.Write(ref _state, Publishing);
        }
    }
}
