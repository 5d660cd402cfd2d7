using ResumeAspire.Core.Tailoring.Llm;

namespace ResumeAspire.LlmTests;

public sealed class LlmConnectionTests
{
    [Fact]
    public void OpenAI_needs_only_a_key_and_a_model()
    {
        Assert.True(LlmConnection.TryParse("Key=sk-secret;Model=gpt-4o-mini", out var connection, out _));
        Assert.Equal(new Uri("https://api.openai.com/v1/"), connection.Endpoint);
        Assert.Equal("gpt-4o-mini", connection.Model);
        Assert.False(connection.IsAzure);
        Assert.DoesNotContain("sk-secret", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ollama_takes_no_key()
    {
        Assert.True(LlmConnection.TryParse("Endpoint=http://localhost:11434/v1;Model=llama3.1", out var connection, out _));
        Assert.Equal(new Uri("http://localhost:11434/v1/"), connection.Endpoint);
        Assert.Null(connection.Key);
        Assert.Equal("unused", connection.KeyOrPlaceholder);
    }

    [Theory]
    [InlineData("Endpoint=https://contoso.openai.azure.com;Key=k;Deployment=resumes")]
    [InlineData("Endpoint=https://contoso.openai.azure.com/;Key=k;Deployment=resumes")]
    [InlineData("Endpoint=https://contoso.openai.azure.com/openai/v1;Key=k;Deployment=resumes;Model=gpt-4o-mini")]
    public void Azure_uses_the_deployment_on_the_v1_path(string connectionString)
    {
        Assert.True(LlmConnection.TryParse(connectionString, out var connection, out var errors), string.Join("; ", errors));
        Assert.True(connection.IsAzure);
        Assert.Equal("resumes", connection.Model);
        Assert.Equal(new Uri("https://contoso.openai.azure.com/openai/v1/"), connection.Endpoint);
    }

    [Theory]
    [InlineData("Endpoint=https://api.openai.com/v1;Key=sk-secret", "names no model")]
    [InlineData("Endpoint=https://api.openai.com/v1;Model=gpt-4o-mini", "Key is required")]
    [InlineData("Endpoint=not a url;Key=sk-secret;Model=m", "absolute http or https")]
    [InlineData("Endpoint=ftp://example.com;Key=sk-secret;Model=m", "absolute http or https")]
    [InlineData("ApiKey=sk-secret;Model=m", "unknown setting 'apikey'")]
    [InlineData("Key=sk-secret;Deployment=resumes", "needs Endpoint")]
    [InlineData("Key='sk-secret", "not a connection string")]
    public void Bad_connection_strings_are_explained_without_the_key(string connectionString, string expected)
    {
        Assert.False(LlmConnection.TryParse(connectionString, out _, out var errors));
        var message = string.Join(" ", errors);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", message, StringComparison.Ordinal);
    }
}
