using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using ResumeAspire.Core.RateLimiting;
using ResumeAspire.Core.Telemetry;
using StackExchange.Redis;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// The <see cref="IChatClient"/> the LLM tailor talks to, outermost first:
/// <list type="number">
/// <item>Redis cache: an identical request (same prompt, model and endpoint) is answered without a call, and costs no rate-limit permit;</item>
/// <item>the answer check: an answer the tailor would reject throws <see cref="LlmAnswerRejectedException"/> here, inside the cache, so it is never cached and the next identical request asks the model again;</item>
/// <item>the global rate limit: one <see cref="RedisRateLimiter"/> permit per call that reaches the model, its wait traced as its own span;</item>
/// <item>OpenTelemetry: the gen_ai <c>chat</c> span (and token metrics) under the job's trace, on source <c>ResumeAspire.Jobs</c>;</item>
/// <item>logging;</item>
/// <item>the OpenAI SDK's chat client, sending through the named HttpClient <see cref="HttpClientName"/> that carries the standard resilience handler.</item>
/// </list>
/// The wait for a permit sits outside the chat span so that span measures the model, not the queue.
/// </summary>
internal sealed class LlmChatPipeline
{
    public const string HttpClientName = "llm";

    private readonly IChatClient _calls;
    private readonly ExpiringDistributedCache? _cache;
    private readonly object[] _cacheKeyValues;

    public LlmChatPipeline(
        LlmConnection connection,
        IOptions<LlmOptions> options,
        IHttpClientFactory httpClients,
        IConnectionMultiplexer redis,
        RedisRateLimiter rateLimiter,
        ILoggerFactory loggers)
    {
        var settings = options.Value;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = connection.Endpoint,
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
            // Retries and timeouts belong to the resilience handler alone; the SDK's own would
            // multiply the attempts and ignore the circuit breaker.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        if (connection.IsAzure)
        {
            clientOptions.AddPolicy(new AzureApiKeyPolicy(connection.KeyOrPlaceholder), PipelinePosition.BeforeTransport);
        }

        var client = new OpenAIClient(new ApiKeyCredential(connection.KeyOrPlaceholder), clientOptions);

        _calls = new ChatClientBuilder(client.GetChatClient(connection.Model).AsIChatClient())
            .Use(async (messages, chatOptions, next, cancellationToken) =>
            {
                using (var wait = JobsTelemetry.Source.StartActivity("llm rate limit"))
                {
                    var waited = await rateLimiter.AcquireAsync(cancellationToken);
                    wait?.SetTag("resume.llm.rate_limit.wait_ms", (long)waited.TotalMilliseconds);
                }

                await next(messages, chatOptions, cancellationToken);
            })
            .UseOpenTelemetry(loggers, JobsTelemetry.Name)
            .UseLogging(loggers)
            .Build();

        _cache = settings.CacheTtl > TimeSpan.Zero ? ResponseCache(redis, settings) : null;
        // The messages and options are in the key already; these make a change of model,
        // endpoint or prompt wording miss instead of serving another model's answer.
        _cacheKeyValues = [connection.Endpoint.AbsoluteUri, connection.Model, LlmPrompt.Version];
    }

    /// <summary>
    /// A client for one request whose answer is kept in the cache only if <paramref name="check"/>
    /// finds no problem in it. Cheap to build (the shared layers are underneath); never dispose
    /// it: disposing a delegating client disposes the shared layers too.
    /// </summary>
    public IChatClient Checked(Func<ChatResponse, LlmAnswerRejectedException?> check)
    {
        var builder = new ChatClientBuilder(_calls);
        if (_cache is not null)
        {
            builder.UseDistributedCache(_cache, cache => cache.CacheKeyAdditionalValues = _cacheKeyValues);
        }

        return builder
            .Use(async (messages, chatOptions, inner, cancellationToken) =>
            {
                var response = await inner.GetResponseAsync(messages, chatOptions, cancellationToken);
                return check(response) is { } rejected ? throw rejected : response;
            }, null)
            .Build();
    }
    // Its own RedisCache on the app's multiplexer rather than the app-wide IDistributedCache
    // (AddStackExchangeRedisCache): the LLM answers get their own key prefix and expiry, and this
    // instance is never disposed, because RedisCache.Dispose closes the multiplexer it was given.
    private static ExpiringDistributedCache ResponseCache(IConnectionMultiplexer redis, LlmOptions settings) =>
        new(new RedisCache(Options.Create(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = () => Task.FromResult(redis),
            InstanceName = settings.CacheKeyPrefix,
        })), settings.CacheTtl);
}
