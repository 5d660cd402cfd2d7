using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResumeAspire.Core.Domain;
using ResumeAspire.Core.Generation;
using ResumeAspire.Core.RateLimiting;
using ResumeAspire.Core.Tailoring;
using StackExchange.Redis;

namespace ResumeAspire.TestWorker;

/// <summary>
/// The real offline tailor, plus directives a test writes into the job description to inject
/// faults. State lives in Redis (keyed by the job reference) so it is shared by every worker
/// process and survives a worker being killed:
/// <list type="bullet">
/// <item><c>[[block]]</c>: record <c>test:started:{ref}</c> = this process id, then wait until <c>test:release:{ref}</c> exists.</item>
/// <item><c>[[fail:N]]</c>: the first N calls throw a transient error; <c>[[fail:always]]</c>: every call does.</item>
/// <item><c>[[permanent]]</c>: throw a <see cref="PermanentJobException"/>.</item>
/// <item><c>[[slow:MS]]</c>: take MS milliseconds (cancellable).</item>
/// <item><c>[[llm]]</c>: take a permit from the global LLM rate limiter, recording the wait in <c>test:llmwait:{ref}</c>.</item>
/// </list>
/// Every call increments <c>test:calls:{ref}</c>; a blocked call that is cancelled sets <c>test:aborted:{ref}</c>.
/// </summary>
public sealed partial class ScriptedTailor(KeywordTailor inner, RedisRateLimiter llmLimiter, IConnectionMultiplexer redis) : IResumeTailor
{
    public async Task<TailoredResume> TailorAsync(CandidateProfile candidate, string jobRef, string jobDescription, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var calls = await db.StringIncrementAsync($"test:calls:{jobRef}");

        foreach (Match directive in Directive().Matches(jobDescription))
        {
            var argument = directive.Groups["arg"].Value;
            switch (directive.Groups["name"].Value)
            {
                case "block":
                    await db.StringSetAsync($"test:started:{jobRef}", Environment.ProcessId);
                    try
                    {
                        while (!await db.KeyExistsAsync($"test:release:{jobRef}"))
                        {
                            await Task.Delay(25, cancellationToken);
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        await db.StringSetAsync($"test:aborted:{jobRef}", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                        throw;
                    }

                    break;
                case "fail" when argument == "always" || calls <= long.Parse(argument, System.Globalization.CultureInfo.InvariantCulture):
                    throw new InvalidOperationException($"Scripted transient failure on call {calls}.");
                case "permanent":
                    throw new PermanentJobException("Scripted permanent failure.");
                case "llm":
                    // Stands in for an LLM call: it must get a permit from the production global limiter first.
                    var waited = await llmLimiter.AcquireAsync(cancellationToken);
                    await db.StringSetAsync($"test:llmwait:{jobRef}", (long)waited.TotalMilliseconds);
                    break;
                case "slow":
                    await Task.Delay(int.Parse(argument, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                    break;
            }
        }

        return await inner.TailorAsync(candidate, jobRef, jobDescription, cancellationToken);
    }

    [GeneratedRegex(@"\[\[(?<name>[a-z]+)(:(?<arg>[a-z0-9]+))?\]\]")]
    private static partial Regex Directive();
}

public static class ScriptedTailorExtensions
{
    public static IServiceCollection AddScriptedTailor(this IServiceCollection services)
    {
        services.AddSingleton<KeywordTailor>();
        services.Replace(ServiceDescriptor.Singleton<IResumeTailor, ScriptedTailor>());
        return services;
    }
}
