using System.ClientModel.Primitives;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// Sends the key the way Azure OpenAI documents for API keys, in an <c>api-key</c> header, in
/// place of the OpenAI SDK's <c>Authorization: Bearer</c> (which Azure reserves for Entra ID
/// tokens). Added just before the transport, after the SDK's own authentication policy ran.
/// </summary>
internal sealed class AzureApiKeyPolicy(string key) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Swap(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Swap(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Swap(PipelineMessage message)
    {
        message.Request.Headers.Remove("Authorization");
        message.Request.Headers.Set("api-key", key);
    }
}
