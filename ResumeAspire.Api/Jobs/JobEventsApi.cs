using System.Runtime.CompilerServices;
using ResumeAspire.Api.Infrastructure;
using ResumeAspire.Core.Queue;
using StackExchange.Redis;

namespace ResumeAspire.Api.Jobs;

/// <summary>Server-sent events with the caller's job progress, relayed from Redis pub/sub.</summary>
public static class JobEventsApi
{
    public static RouteGroupBuilder MapJobEvents(this RouteGroupBuilder group)
    {
        group.MapGet("/events", (HttpContext http, IConnectionMultiplexer redis, CancellationToken ct) =>
            TypedResults.ServerSentEvents(StreamAsync(redis, http.User.UserId(), ct), eventType: "progress"));
        return group;
    }

    private static async IAsyncEnumerable<JobProgress> StreamAsync(
        IConnectionMultiplexer redis, string userId, [EnumeratorCancellation] CancellationToken ct)
    {
        var subscriber = redis.GetSubscriber();
        var channel = RedisChannel.Literal(QueueNames.ProgressChannel(userId));
        var queue = await subscriber.SubscribeAsync(channel);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                ChannelMessage message;
                try
                {
                    message = await queue.ReadAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                if (JobProgressNotifier.Parse(message.Message) is { } progress)
                {
                    yield return progress;
                }
            }
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
