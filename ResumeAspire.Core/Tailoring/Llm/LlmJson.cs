using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>JSON for the prompt and the answer: snake_case like the HTTP API.</summary>
internal static class LlmJson
{
    /// <summary>For the facts sent to the model.</summary>
    public static readonly JsonSerializerOptions Prompt = Create(strict: false);

    /// <summary>For the model's answer: a missing or null field makes it malformed, not empty.</summary>
    public static readonly JsonSerializerOptions Answer = Create(strict: true);

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            RespectNullableAnnotations = strict,
            RespectRequiredConstructorParameters = strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
