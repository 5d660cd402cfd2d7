using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResumeAspire.LlmTests.Infrastructure;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on 127.0.0.1 and a free port: a real Kestrel
/// server answering <c>POST …/chat/completions</c> (<c>/v1/…</c>, <c>/…</c>, Azure's
/// <c>/openai/v1/…</c>) from a script, one <see cref="FakeReply"/> per request, and recording
/// each request with its arrival time. When the script runs out it answers <see cref="WhenEmpty"/>.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly List<FakeRequest> _requests = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly WebApplication _app;

    private FakeOpenAIServer(WebApplication app) => _app = app;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The OpenAI-style API base, <c>{Root}v1/</c>.</summary>
    public Uri Endpoint => new(Root, "v1/");

    public FakeReply WhenEmpty { get; set; } = FakeReply.Status(500);

    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAIServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Root = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Waits until the client has given up on request <paramref name="index"/> (a slow answer that was timed out).</summary>
    public async Task<bool> WaitForAbortAsync(int index, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            if (Requests.Count > index && Requests[index].Aborted)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    /// <summary>An OpenAI chat completion response whose assistant message says <paramref name="content"/>.</summary>
    public static string Completion(string content) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "fake-model",
        ["choices"] = new object[]
        {
            new Dictionary<string, object?>
            {
                ["index"] = 0,
                ["message"] = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
                ["finish_reason"] = "stop",
            },
        },
        ["usage"] = new Dictionary<string, int> { ["prompt_tokens"] = 120, ["completion_tokens"] = 80, ["total_tokens"] = 200 },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrivedAt = _clock.Elapsed;
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new FakeRequest(arrivedAt, context.Request.Path.Value, body,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
        lock (_requests)
        {
            _requests.Add(request);
        }

        await ReplyAsync(context, request, _script.TryDequeue(out var reply) ? reply : WhenEmpty);
    }

    private static async Task ReplyAsync(HttpContext context, FakeRequest request, FakeReply reply)
    {
        switch (reply)
        {
            case AnswerReply answer:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Completion(answer.Content));
                break;
            case StatusReply status:
                context.Response.StatusCode = status.Code;
                if (status.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message = $"scripted {status.Code}", type = "server_error" } }));
                break;
            case SlowReply slow:
                try
                {
                    await Task.Delay(slow.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    request.MarkAborted();
                    return;
                }

                await ReplyAsync(context, request, slow.Then);
                break;
            case BrokenBodyReply:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"chatcmpl-broken\", \"choices\": [ {");
                break;
        }
    }
}
