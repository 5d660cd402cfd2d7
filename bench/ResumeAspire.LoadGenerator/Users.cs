using System.Diagnostics;
using System.Text.Json;

namespace ResumeAspire.LoadGenerator;

public sealed class VirtualUser
{
    public required int Index { get; init; }
    public required string Email { get; init; }
    public string Token { get; set; } = "";
    public DateTimeOffset TokenExpires { get; set; }
    public Guid CandidateId { get; set; }

    /// <summary>The poll scenario's job (kept in the state file so later runs poll it again).</summary>
    public Guid? PollJobId { get; set; }
}

/// <summary>
/// Registers and logs in the virtual users, in parallel but bounded (each registration and login
/// costs the Api a PBKDF2 password hash), and gives each a candidate. With --state, accounts whose
/// token is still valid for the whole run are reused without touching the Api.
/// </summary>
public static class UserSetup
{
    public static async Task<(List<VirtualUser> Users, SetupSummary Summary)> PrepareAsync(Options options, ApiClient api, TimeSpan mustLast)
    {
        var stopwatch = Stopwatch.StartNew();
        var saved = Load(options.StateFile);
        var users = new VirtualUser[options.Users];
        int registered = 0, loggedIn = 0, candidates = 0, reused = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(options.SetupConcurrency);
        var done = 0;
        var tasks = Enumerable.Range(0, options.Users).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var email = $"{options.UserPrefix}{i}@bench.example.com";
                var user = saved.GetValueOrDefault(email) ?? new VirtualUser { Index = i, Email = email };
                if (user.Token.Length > 0 && user.TokenExpires > DateTimeOffset.UtcNow + mustLast && user.CandidateId != Guid.Empty)
                {
                    Interlocked.Increment(ref reused);
                    users[i] = user;
                    return;
                }

                var register = await api.RegisterAsync(email, options.Password);
                if (register.Ok)
                {
                    Interlocked.Increment(ref registered);
                }

                // 400 here is "already taken" from an earlier run: the login below decides.
                var login = await api.LoginAsync(email, options.Password);
                if (!login.Ok || login.Body is null)
                {
                    failures.Add($"{email}: register {register.Status}, login {login.Status}");
                    return;
                }

                Interlocked.Increment(ref loggedIn);
                user.Token = login.Body.AccessToken;
                user.TokenExpires = DateTimeOffset.UtcNow.AddSeconds(login.Body.ExpiresIn);
                if (user.CandidateId == Guid.Empty)
                {
                    var existing = await api.ListCandidatesAsync(user.Token);
                    if (existing is { Ok: true, Body: { Length: > 0 } list })
                    {
                        user.CandidateId = list[0].Id;
                    }
                    else
                    {
                        var created = await api.CreateCandidateAsync(user.Token, Workload.Candidate(i));
                        if (!created.Ok || created.Body is null)
                        {
                            failures.Add($"{email}: create candidate {created.Status}");
                            return;
                        }

                        Interlocked.Increment(ref candidates);
                        user.CandidateId = created.Body.Id;
                    }
                }

                users[i] = user;
            }
            finally
            {
                gate.Release();
                var n = Interlocked.Increment(ref done);
                if (n % 250 == 0)
                {
                    Console.Error.WriteLine($"  setup: {n}/{options.Users} users ready ({stopwatch.Elapsed.TotalSeconds:F0} s)");
                }
            }
        });
        await Task.WhenAll(tasks);

        var ready = users.Where(u => u is not null).ToList();
        Save(options.StateFile, saved, ready);
        return (ready, new SetupSummary(options.Users, ready.Count, reused, registered, loggedIn, candidates,
            Math.Round(stopwatch.Elapsed.TotalSeconds, 1), failures.Take(10).ToList()));
    }

    private static Dictionary<string, VirtualUser> Load(string? file)
    {
        if (file is null || !File.Exists(file))
        {
            return [];
        }

        var list = JsonSerializer.Deserialize<List<VirtualUser>>(File.ReadAllBytes(file), ApiClient.Json) ?? [];
        return list.ToDictionary(u => u.Email);
    }

    public static void Save(string? file, Dictionary<string, VirtualUser> saved, IEnumerable<VirtualUser> users)
    {
        if (file is null)
        {
            return;
        }

        foreach (var u in users)
        {
            saved[u.Email] = u;
        }

        var temp = file + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(saved.Values.OrderBy(u => u.Index).ToList(), ApiClient.Json));
        File.Move(temp, file, overwrite: true);
    }

    public static void SaveAll(string? file, IEnumerable<VirtualUser> users) => Save(file, Load(file), users);
}

public sealed record SetupSummary(
    int Requested, int Ready, int Reused, int Registered, int LoggedIn, int CandidatesCreated, double Seconds, List<string> Failures);
