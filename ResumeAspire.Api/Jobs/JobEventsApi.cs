using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ResumeAspire.Api.Infrastructure;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Api.Jobs;

/// <summary>Server-sent events with the caller's job progress, relayed from Redis pub/sub.</summary>
public static class JobEventsApi
{
    public const string ProgressEvent = "progress";

    /// <summary>First event of every stream: the subscription is live, so the client can stop polling.</summary>
    public const string ReadyEvent = "ready";

    /// <summary>Sent when nothing else was for <see cref="KeepAliveInterval"/>: proxies drop silent connections.</summary>
    public const string PingEvent = "ping";

    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapJobEvents(this RouteGroupBuilder group)
    {
        group.MapGet("/events", (HttpContext http, IConnectionMultiplexer redis, CancellationToken ct) =>
            TypedResults.ServerSentEvents(StreamAsync(redis, http.User.UserId(), ct)));
        return group;
    }

    private static async IAsyncEnumerable<SseItem<JobProgress?>> StreamAsync(
        IConnectionMultiplexer redis, string userId, [EnumeratorCancellation] CancellationToken ct)
    {
        var subscriber = redis.GetSubscriber();
        var channel = RedisChannel.Literal(QueueNames.ProgressChannel(userId));
        var queue = await subscriber.SubscribeAsync(channel);
        try
        {
            // Headers and this event go out at once, instead of at the first progress update.
            yield return new SseItem<JobProgress?>(null, ReadyEvent);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(KeepAliveInterval);
                ChannelMessage? message = null;
                try
                {
                    message = await queue.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Quiet for a while: fall through to the keep-alive.
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                if (message is null)
                {
                    yield return new SseItem<JobProgress?>(null, PingEvent);
                }
                else if (JobProgressNotifier.Parse(message.Value.Message) is { } progress)
                {
                    yield return new SseItem<JobProgress?>(progress, ProgressEvent);
                }
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
