using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Queue;
using ResumeAspire.IntegrationTests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace ResumeAspire.IntegrationTests;

/// <summary>Two Api replicas and two workers, as <c>Api:Replicas=2</c> and <c>Worker:Replicas=2</c> run them.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutTests(ScaleOutFixture system, ITestOutputHelper output)
{
    private const string Password = "Sup3r-secret!";

    [Fact]
    public async Task A_token_issued_by_one_api_replica_is_accepted_by_the_other()
    {
        output.WriteLine($"system started in {system.StartupTime.TotalSeconds:0.0} s");
        foreach (var (issuer, verifier, name) in new[] { (system.ApiA, system.ApiB, "A → B"), (system.ApiB, system.ApiA, "B → A") })
        {
            using var issuerHttp = issuer.CreateClient();
            using var verifierHttp = verifier.CreateClient();
            var (accessToken, refreshToken) = await RegisterAndLogInAsync(issuerHttp);

            using var candidates = await GetCandidatesAsync(verifierHttp, accessToken);
            Assert.True(
                candidates.StatusCode == HttpStatusCode.OK,
                $"{name}: GET /api/candidates with the other replica's token answered {(int)candidates.StatusCode}\n{verifier.Output}");

            // Refresh tokens are protected with the same key ring.
            using var refresh = await verifierHttp.PostAsJsonAsync("/api/auth/refresh", new Dictionary<string, string>
            {
                ["refresh_token"] = refreshToken,
                ["refreshToken"] = refreshToken,
            });
            Assert.True(
                refresh.StatusCode == HttpStatusCode.OK,
                $"{name}: POST /api/auth/refresh with the other replica's refresh token answered {(int)refresh.StatusCode}\n{verifier.Output}");
            var refreshed = (await refresh.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
            using var back = await GetCandidatesAsync(issuerHttp, refreshed);
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

        // Not just anything gets in: the replicas check what they accept.
        using var http = system.ApiB.CreateClient();
        using var forged = await GetCandidatesAsync(http, "CfDJ8-not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Two_hundred_jobs_enqueued_on_both_replicas_complete_exactly_once_across_both_workers()
    {
        const int jobCount = 200;
        const int userCount = 4;
        var replicas = new[] { system.ApiA, system.ApiB };
        var clients = replicas.Select(api => api.CreateClient()).ToArray();
        try
        {
            // Each user signs up on one replica and then talks to both with the same token.
            var users = new List<(string Token, Guid CandidateId)>();
            for (var u = 0; u < userCount; u++)
            {
                var (token, _) = await RegisterAndLogInAsync(clients[u % 2]);
                users.Add((token, await CreateCandidateAsync(clients[(u + 1) % 2], token)));
            }

            var documentsBefore = await CountAsync("SELECT count(*) FROM resume_documents");
            using var sampling = new CancellationTokenSource();
            var deliveries = new ConcurrentDictionary<string, long>();
            var sampler = SampleConsumersAsync(deliveries, sampling.Token);

            // Alternate the replicas job by job; every user's jobs land on both.
            var clock = Stopwatch.StartNew();
            var jobs = new ConcurrentDictionary<Guid, string>();
            var perReplica = new int[2];
            using (var gate = new SemaphoreSlim(8))
            {
                await Task.WhenAll(Enumerable.Range(0, jobCount).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var (token, candidateId) = users[i / 2 % userCount];
                        var jobRef = JobRequests.NewRef($"SCALE{i:D3}");
                        jobs[await EnqueueAsync(clients[i % 2], token, candidateId, jobRef)] = jobRef;
                        Interlocked.Increment(ref perReplica[i % 2]);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }

            var enqueued = clock.Elapsed;
            var ids = jobs.Keys.ToArray();
            Assert.Equal(jobCount, ids.Length);
            Assert.Equal(new[] { jobCount / 2, jobCount / 2 }, perReplica);

            await WaitUntilAsync(
                async () => await CountAsync(
                    "SELECT count(*) FROM resume_jobs WHERE id = ANY(@ids) AND status = ANY(@final)",
                    ("ids", ids), ("final", new[] { JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled })) == jobCount,
                TimeSpan.FromMinutes(4),
                async () => $"not all {jobCount} jobs are final: {await DescribeAsync(ids)}");
            var completed = clock.Elapsed;
            await WaitUntilAsync(
                async () => (await system.Redis.GetDatabase().StreamPendingAsync(QueueNames.Stream, QueueNames.ConsumerGroup)).PendingMessageCount == 0,
                TimeSpan.FromSeconds(30),
                () => Task.FromResult("stream entries are still unacknowledged after every job completed"));
            await sampling.CancelAsync();
            await sampler;

            output.WriteLine(
                $"{jobCount} jobs: enqueued on 2 replicas in {enqueued.TotalSeconds:0.00} s, all completed after {completed.TotalSeconds:0.00} s " +
                $"({jobCount / completed.TotalSeconds:0.0} jobs/s end to end); system started in {system.StartupTime.TotalSeconds:0.0} s");

            // Exactly once: one COMPLETED row, one attempt, one document and one tailor call per job.
            var rows = await ReadJobsAsync(ids);
            Assert.All(rows, row =>
            {
                Assert.True(row.Status == JobStatus.Completed, $"job {row.Id} is {row.Status}");
                Assert.True(row.Attempts == 1, $"job {row.Id} took {row.Attempts} attempts");
                Assert.False(row.Cached, $"job {row.Id} was served from the result cache");
                Assert.NotNull(row.DocumentId);
            });
            Assert.Equal(jobCount, rows.Select(row => row.DocumentId).Distinct().Count());
            Assert.Equal(documentsBefore + jobCount, await CountAsync("SELECT count(*) FROM resume_documents"));
            Assert.Equal(jobCount, await CountAsync("SELECT count(*) FROM resume_documents WHERE id IN (SELECT document_id FROM resume_jobs WHERE id = ANY(@ids))", ("ids", ids)));

            var redis = system.Redis.GetDatabase();
            var calls = await Task.WhenAll(jobs.Values.Select(async jobRef => (jobRef, Calls: (long)await redis.StringGetAsync($"test:calls:{jobRef}"))));
            Assert.All(calls, call => Assert.True(call.Calls == 1, $"job {call.jobRef}: the tailor ran {call.Calls} times"));

            // Both workers took jobs, under distinct consumer names.
            var consumers = await redis.StreamConsumerInfoAsync(QueueNames.Stream, QueueNames.ConsumerGroup);
            output.WriteLine($"consumers: {string.Join(", ", consumers.Select(c => c.Name.ToString()))}; most entries held at once: " +
                string.Join(", ", deliveries.Select(d => $"{d.Key}={d.Value}")));
            Assert.Equal(2, consumers.Select(c => c.Name.ToString()).Distinct().Count());
            Assert.All(consumers, consumer => Assert.True(
                deliveries.GetValueOrDefault(consumer.Name.ToString()) > 0,
                $"consumer {consumer.Name} never held a job"));
            Assert.All(system.Workers, worker => Assert.False(worker.HasExited, worker.Output));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private sealed record JobRow(Guid Id, string Status, int Attempts, bool Cached, Guid? DocumentId);

    private static async Task<(string AccessToken, string RefreshToken)> RegisterAndLogInAsync(HttpClient http)
    {
        var email = $"scale-{Guid.NewGuid():N}@example.test";
        using var register = await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = (await login.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["access_token"]!.GetValue<string>(), body["refresh_token"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> GetCandidatesAsync(HttpClient http, string token) =>
        http.SendAsync(Authorized(HttpMethod.Get, "/api/candidates", token));

    private static async Task<Guid> CreateCandidateAsync(HttpClient http, string token)
    {
        var request = Authorized(HttpMethod.Post, "/api/candidates", token);
        request.Content = JsonContent.Create(ApiSession.SampleCandidate(), options: ApiSession.Wire);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    private static async Task<Guid> EnqueueAsync(HttpClient http, string token, Guid candidateId, string jobRef)
    {
        var request = Authorized(HttpMethod.Post, "/api/resume-async/generate-async", token);
        request.Content = JsonContent.Create(JobRequests.Body(candidateId, jobRef), options: ApiSession.Wire);
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"enqueue {jobRef} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>());
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token) =>
        new(method, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    /// <summary>
    /// XPENDING per consumer, sampled while the jobs run: Redis keeps no delivery count per
    /// consumer, but a consumer that ever held entries took jobs.
    /// </summary>
    private async Task SampleConsumersAsync(ConcurrentDictionary<string, long> most, CancellationToken cancellationToken)
    {
        var redis = system.Redis.GetDatabase();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var pending = await redis.StreamPendingAsync(QueueNames.Stream, QueueNames.ConsumerGroup);
                foreach (var consumer in pending.Consumers)
                {
                    most.AddOrUpdate(consumer.Name.ToString(), consumer.PendingMessageCount, (_, seen) => Math.Max(seen, consumer.PendingMessageCount));
                }

                await Task.Delay(20, cancellationToken);
            }
            catch (RedisServerException)
            {
                // The group does not exist until the first worker creates it.
                await Task.Delay(20, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = system.OpenConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<JobRow>> ReadJobsAsync(Guid[] ids)
    {
        await using var connection = system.OpenConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, status, attempts, cached, document_id FROM resume_jobs WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        var rows = new List<JobRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new JobRow(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetGuid(4)));
        }

        Assert.Equal(ids.Length, rows.Count);
        return rows;
    }

    private async Task<string> DescribeAsync(Guid[] ids)
    {
        var byStatus = (await ReadJobsAsync(ids)).GroupBy(row => row.Status).Select(group => $"{group.Key}={group.Count()}");
        return string.Join(", ", byStatus) + "\n" + string.Join("\n", system.Workers.Select(worker => worker.Output.Split('\n').TakeLast(20)).SelectMany(lines => lines));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(await failure());
            }

            await Task.Delay(100);
        }
    }
}
