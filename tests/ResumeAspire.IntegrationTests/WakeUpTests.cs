using Microsoft.Extensions.Logging.Abstractions;
using ResumeAspire.Core.Queue;
using ResumeAspire.IntegrationTests.Infrastructure;
using ResumeAspire.Worker;
using StackExchange.Redis;

namespace ResumeAspire.IntegrationTests;

/// <summary>How enqueues wake idle workers: few PUBLISHes however many enqueues, none of them missed.</summary>
[Collection(SystemCollection.Name)]
public sealed class WakeUpTests(SystemFixture system)
{
    [Fact]
    public async Task A_burst_of_requests_is_answered_by_a_few_publishes_and_the_last_covers_every_request()
    {
        var (publisher, received) = await PublisherOnItsOwnChannelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // The first request is published at once; the other 999 then arrive while its wake-up
        // window is open, so only a trailing PUBLISH can cover them.
        publisher.Request();
        Assert.Equal(1, (long)(await received.ReadAsync(timeout.Token)).Message);
        for (var i = 1; i < 1_000; i++)
        {
            publisher.Request();
        }

        // Each payload is how many requests the publisher had when it sent it; 1,000 means the last
        // request was followed by a PUBLISH of its own.
        var payloads = new List<long>();
        while (payloads.LastOrDefault() < 1_000)
        {
            payloads.Add((long)(await received.ReadAsync(timeout.Token)).Message);
        }

        await received.UnsubscribeAsync();
        Assert.Equal(1_000, payloads[^1]);
        // One PUBLISH per request would be 999 more; the loop above takes far less than one window
        // per hundred requests even on a slow machine.
        Assert.InRange(payloads.Count, 1, 100);
    }

    [Fact]
    public async Task A_request_after_the_publisher_went_quiet_is_published_again()
    {
        var (publisher, received) = await PublisherOnItsOwnChannelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        publisher.Request();
        Assert.Equal(1, (long)(await received.ReadAsync(timeout.Token)).Message);
        await Task.Delay(WakePublisher.Window * 20);
        publisher.Request();
        Assert.Equal(2, (long)(await received.ReadAsync(timeout.Token)).Message);
        await received.UnsubscribeAsync();
    }

    [Fact]
    public async Task Wake_ups_while_one_is_pending_fold_into_it_without_throwing()
    {
        var signal = new WakeSignal();
        var thrown = 0;
        var thread = Environment.CurrentManagedThreadId;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, _) =>
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                Interlocked.Increment(ref thrown);
            }
        };
        AppDomain.CurrentDomain.FirstChanceException += count;
        try
        {
            for (var i = 0; i < 1_000; i++)
            {
                signal.Set();
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
        }

        Assert.Equal(0, thrown);
        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        // The 1,000 were one wake-up: the next wait runs out.
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        signal.Set();
        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    // A channel of its own: the test Api and Worker publish on the real one.
    private async Task<(WakePublisher Publisher, ChannelMessageQueue Received)> PublisherOnItsOwnChannelAsync()
    {
        var channel = RedisChannel.Literal($"test:wake:{Guid.NewGuid():N}");
        var received = await system.Redis.GetSubscriber().SubscribeAsync(channel);
        return (new WakePublisher(system.Redis, channel, NullLogger.Instance), received);
    }
}
