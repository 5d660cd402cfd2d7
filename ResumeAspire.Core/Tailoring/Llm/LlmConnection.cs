using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace ResumeAspire.Core.Tailoring.Llm;

/// <summary>
/// Where the OpenAI-compatible endpoint is, read from connection string <c>openai</c>:
/// <c>Endpoint=https://api.openai.com/v1;Key=sk-…;Model=gpt-4o-mini</c> (OpenAI, or any
/// OpenAI-compatible server such as Ollama or vLLM, where Key may be left out), or
/// <c>Endpoint=https://NAME.openai.azure.com;Key=…;Deployment=NAME</c> for Azure OpenAI.
/// A class, not a record: a generated ToString would print the key into logs.
/// </summary>
public sealed class LlmConnection
{
    public const string ConnectionStringName = "openai";

    /// <summary>OpenAI's own API, used when the connection string names no endpoint.</summary>
    public static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1/");

    // Ollama and vLLM accept any bearer token, but the SDK insists on one.
    private const string NoKey = "unused";

    private static readonly string[] KnownSettings = ["Endpoint", "Key", "Model", "Deployment"];

    private LlmConnection(Uri endpoint, string? key, string model, bool isAzure)
    {
        Endpoint = endpoint;
        Key = key;
        Model = model;
        IsAzure = isAzure;
    }

    /// <summary>The API base address; requests go to <c>{Endpoint}/chat/completions</c>.</summary>
    public Uri Endpoint { get; }

    public string? Key { get; }

    /// <summary>The model name, or the deployment name on Azure OpenAI.</summary>
    public string Model { get; }

    /// <summary>Azure OpenAI (a <c>Deployment</c> was given): the key goes in an <c>api-key</c> header to the v1 API.</summary>
    public bool IsAzure { get; }

    /// <summary>The key to send: Ollama and vLLM need none, but the OpenAI SDK requires a value.</summary>
    public string KeyOrPlaceholder => Key ?? NoKey;

    public override string ToString() => $"{Endpoint} ({(IsAzure ? "Azure OpenAI deployment" : "model")} {Model})";

    /// <summary>
    /// Parses and checks the connection string. Errors name the setting at fault, never its
    /// value, so they can be logged and shown at start-up without leaking the key.
    /// </summary>
    public static bool TryParse(string? connectionString, [NotNullWhen(true)] out LlmConnection? connection, out IReadOnlyList<string> errors)
    {
        connection = null;
        var problems = new List<string>();
        errors = problems;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            problems.Add($"ConnectionStrings:{ConnectionStringName} is empty.");
            return false;
        }

        var settings = new DbConnectionStringBuilder();
        try
        {
            settings.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            problems.Add($"ConnectionStrings:{ConnectionStringName} is not a connection string: expected Endpoint=…;Key=…;Model=… (or Deployment=… for Azure OpenAI).");
            return false;
        }

        foreach (string name in settings.Keys)
        {
            if (!KnownSettings.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"ConnectionStrings:{ConnectionStringName} has an unknown setting '{name}': use {string.Join(", ", KnownSettings)}.");
            }
        }

        var endpointText = Value(settings, "Endpoint");
        var key = Value(settings, "Key");
        var model = Value(settings, "Model");
        var deployment = Value(settings, "Deployment");
        var isAzure = deployment is not null;

        Uri? endpoint = null;
        if (endpointText is null)
        {
            if (isAzure)
            {
                problems.Add($"ConnectionStrings:{ConnectionStringName}: Azure OpenAI (Deployment=…) needs Endpoint=https://NAME.openai.azure.com.");
            }
            else
            {
                endpoint = OpenAIEndpoint;
            }
        }
        else if (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https") || endpoint.Query.Length > 0)
        {
            problems.Add($"ConnectionStrings:{ConnectionStringName}: Endpoint must be an absolute http or https address without a query, e.g. https://api.openai.com/v1.");
            endpoint = null;
        }

        if ((deployment ?? model) is null)
        {
            problems.Add($"ConnectionStrings:{ConnectionStringName} names no model: add Model=… (or Deployment=… for Azure OpenAI).");
        }

        if (key is null && endpoint is not null && NeedsKey(endpoint, isAzure))
        {
            problems.Add($"ConnectionStrings:{ConnectionStringName}: Key is required for {endpoint.Host}.");
        }

        if (problems.Count > 0 || endpoint is null)
        {
            return false;
        }

        connection = new LlmConnection(isAzure ? AzureV1(endpoint) : WithTrailingSlash(endpoint), key, (deployment ?? model)!, isAzure);
        return true;
    }

    private static string? Value(DbConnectionStringBuilder settings, string name) =>
        settings.TryGetValue(name, out var value) && value?.ToString() is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    // OpenAI and Azure refuse anonymous calls; an Ollama or vLLM server may well take none.
    private static bool NeedsKey(Uri endpoint, bool isAzure) =>
        isAzure || endpoint.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase);

    // Azure OpenAI's v1 API speaks the OpenAI wire format under /openai/v1/, which lets the plain
    // OpenAI SDK call it; a resource address given without that path gets it appended.
    private static Uri AzureV1(Uri endpoint)
    {
        var path = endpoint.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase)
            ? WithTrailingSlash(endpoint)
            : new Uri(WithTrailingSlash(endpoint), "openai/v1/");
    }

    private static Uri WithTrailingSlash(Uri endpoint) =>
        endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
}
