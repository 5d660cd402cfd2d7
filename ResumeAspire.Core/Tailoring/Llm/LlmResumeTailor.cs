using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResumeAspire.Core.Domain;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// Tailors with an OpenAI-compatible model when one is configured. The offline engine always
/// runs first: its match report is the one kept (so scores compare across engines), its
/// keywords steer the prompt, and its resume is the answer whenever the model's cannot be used:
/// the call failed after the resilience handler gave up, took longer than
/// <see cref="LlmOptions.Timeout"/>, or the answer was malformed or invented a fact. Such a
/// fallback carries a <see cref="TailoredResume.Note"/>; a job is never failed by the LLM.
/// </summary>
internal sealed partial class LlmResumeTailor(
    LlmChatPipeline pipeline,
    LlmConnection connection,
    IOptions<LlmOptions> options,
    LlmTailoringMetrics metrics,
    ILogger<LlmResumeTailor> logger) : IResumeTailor
{
    private const int MaxNoteLength = 500;

    private readonly LlmOptions _options = options.Value;

    public async Task<TailoredResume> TailorAsync(CandidateProfile candidate, string jobRef, string jobDescription, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var offline = KeywordTailor.Tailor(candidate, jobRef, jobDescription);
        var activity = Activity.Current;

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.Timeout);
        LlmTailoring answer;
        try
        {
            var response = await pipeline.Checked(r => Check(candidate, r, out _)).GetResponseAsync<LlmTailoring>(
                LlmPrompt.Build(candidate, jobDescription, offline.Match),
                LlmJson.Answer,
                new ChatOptions
                {
                    Temperature = (float?)_options.Temperature,
                    MaxOutputTokens = _options.MaxOutputTokens,
                    // The OpenAI adapter turns this into "strict": true on the JSON schema: the model
                    // is then held to the schema, and a malformed answer becomes rare instead of common.
                    AdditionalProperties = new() { ["strict"] = true },
                },
                useJsonSchemaResponseFormat: true,
                budget.Token);

            // Checked again here: a cached answer was checked when it was stored, but perhaps by an older check.
            if (Check(candidate, response, out var checkedAnswer) is { } rejected)
            {
                throw rejected;
            }

            answer = checkedAnswer!;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The job was cancelled or timed out: that is the worker's business, not a fallback.
            throw;
        }
        catch (LlmAnswerRejectedException e)
        {
            return Fallback(offline, activity, "rejected", e.Code, $"The LLM answer was rejected ({e.Reason}); the offline tailoring was used.", null);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return Fallback(offline, activity, "failed", "budget", $"The LLM took longer than {_options.Timeout.TotalSeconds:0.#} s (Llm:Timeout); the offline tailoring was used.", null);
        }
        catch (Exception e)
        {
            var (reason, code) = LlmFailure.Describe(e);
            return Fallback(offline, activity, "failed", code, $"The LLM was not available ({reason}); the offline tailoring was used.", e);
        }

        metrics.Record("used", "ok");
        activity?.SetTag("resume.tailor.engine", "llm");
        return LlmResumeComposer.Compose(candidate, offline, answer);
    }

    private static LlmAnswerRejectedException? Check(CandidateProfile candidate, ChatResponse response, out LlmTailoring? answer)
    {
        if (!new ChatResponse<LlmTailoring>(response, LlmJson.Answer).TryGetResult(out answer))
        {
            return new LlmAnswerRejectedException("it was not the JSON that was asked for", "malformed");
        }

        return LlmAnswerValidator.FindProblem(candidate, answer) is { } problem
            ? new LlmAnswerRejectedException(problem, "invented")
            : null;
    }

    private TailoredResume Fallback(TailoredResume offline, Activity? activity, string outcome, string code, string note, Exception? error)
    {
        // The reason may quote the model (an invented employer): keep the stored note short.
        note = note.Length > MaxNoteLength ? note[..(MaxNoteLength - 1)] + "…" : note;
        LogFallback(logger, error, connection.ToString(), note);
        metrics.Record(outcome, code);
        activity?.SetTag("resume.tailor.engine", "offline");
        activity?.SetTag("resume.tailor.fallback", code);
        return offline with { Note = note };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM tailoring with {Endpoint} fell back to the offline engine: {Note}")]
    private static partial void LogFallback(ILogger logger, Exception? error, string endpoint, string note);
}
