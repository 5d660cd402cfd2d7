using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace ResumeAspire.LoadGenerator;

public sealed record LoginResponse(string AccessToken, int ExpiresIn);

public sealed record CreatedResponse(Guid Id);

public sealed record EnqueueResponse(Guid JobId, string Status, bool Cached, DateTimeOffset CreatedAt);

public sealed record StatusResponse(Guid Id, string Status, bool Cached, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

public sealed record CandidateListItem(Guid Id);

/// <summary>The answer: status code (0 when none came), the parsed body on success, and Retry-After.</summary>
public readonly record struct ApiResult<T>(int Status, T? Body, TimeSpan? RetryAfter)
{
    public bool Ok => Status is >= 200 and < 300;
}

/// <summary>
/// One HttpClient for all virtual users over a SocketsHttpHandler that keeps one connection per
/// virtual user open for the whole run (HTTP/1.1, no connection limit, no cookies, no proxy, no
/// decompression). Each call times from just before sending to the last byte of the body.
/// </summary>
public sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private static readonly string[] StatusText = Enumerable.Range(0, 600).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly HttpClient _http;
    private readonly Recorder _recorder;
    private readonly TimeSpan _timeout;

    public ApiClient(Uri baseUrl, Recorder recorder, TimeSpan timeout)
    {
        _recorder = recorder;
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            // Nagle off: small requests go out at once.
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Task<ApiResult<object>> RegisterAsync(string email, string password) =>
        SendAsync<object>(Recorder.Register, HttpMethod.Post, "/api/auth/register", null, Body(new { email, password }), parse: false);

    public Task<ApiResult<LoginResponse>> LoginAsync(string email, string password) =>
        SendAsync<LoginResponse>(Recorder.Login, HttpMethod.Post, "/api/auth/login", null, Body(new { email, password }));

    public Task<ApiResult<CandidateListItem[]>> ListCandidatesAsync(string token) =>
        SendAsync<CandidateListItem[]>(Recorder.ListCandidates, HttpMethod.Get, "/api/candidates", token, null);

    public Task<ApiResult<CreatedResponse>> CreateCandidateAsync(string token, object candidate) =>
        SendAsync<CreatedResponse>(Recorder.CreateCandidate, HttpMethod.Post, "/api/candidates", token, Body(candidate));

    public Task<ApiResult<EnqueueResponse>> EnqueueAsync(string token, Guid candidateId, string jobRef, string description, string fileType) =>
        SendAsync<EnqueueResponse>(Recorder.Enqueue, HttpMethod.Post, "/api/resume-async/generate-async", token,
            Body(new { candidate_id = candidateId, job_id = jobRef, job_description = description, file_type = fileType }));

    public Task<ApiResult<StatusResponse>> StatusAsync(string token, Guid jobId) =>
        SendAsync<StatusResponse>(Recorder.Status, HttpMethod.Get, $"/api/resume-async/job-status/{jobId}", token, null);

    public Task<ApiResult<object>> DownloadAsync(string token, Guid jobId) =>
        SendAsync<object>(Recorder.Download, HttpMethod.Get, $"/api/resume-async/download/{jobId}", token, null, parse: false);

    public Task<ApiResult<object>> MyJobsAsync(string token) =>
        SendAsync<object>(Recorder.MyJobs, HttpMethod.Get, "/api/resume-async/my-jobs?page=1&page_size=20", token, null, parse: false);

    public void Dispose() => _http.Dispose();

    private static ByteArrayContent Body(object value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, Json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<ApiResult<T>> SendAsync<T>(string endpoint, HttpMethod method, string path, string? token, HttpContent? content, bool parse = true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = new CancellationTokenSource(_timeout);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            T? body = default;
            if (parse && response.IsSuccessStatusCode)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                body = JsonSerializer.Deserialize<T>(bytes, Json);
            }
            else
            {
                // Read and drop (downloads, problem bodies): the time to the last byte is the latency.
                await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
                try
                {
                    while (await stream.ReadAsync(buffer, timeout.Token) > 0)
                    {
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            _recorder.Record(endpoint, start, Stopwatch.GetTimestamp(), status < StatusText.Length ? StatusText[status] : status.ToString(CultureInfo.InvariantCulture));
            return new ApiResult<T>(status, body, response.Headers.RetryAfter?.Delta);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _recorder.Record(endpoint, start, Stopwatch.GetTimestamp(), "error:timeout");
            return new ApiResult<T>(0, default, null);
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException s ? $"error:socket-{s.SocketErrorCode}" : $"error:{e.HttpRequestError}";
            _recorder.Record(endpoint, start, Stopwatch.GetTimestamp(), reason);
            return new ApiResult<T>(0, default, null);
        }
        catch (JsonException)
        {
            _recorder.Record(endpoint, start, Stopwatch.GetTimestamp(), "error:bad-json");
            return new ApiResult<T>(0, default, null);
        }
    }
}
