using Microsoft.Extensions.Options;
using ResumeAspire.Core.Tailoring;
using ResumeAspire.LlmTests.Infrastructure;

namespace ResumeAspire.LlmTests;

[Collection(LlmCollection.Name)]
public sealed class RegistrationTests(RedisFixture redis)
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Without_a_connection_string_the_offline_tailor_stays(string? connectionString)
    {
        await using var host = await TailorHost.StartAsync(redis, connectionString);
        Assert.IsType<KeywordTailor>(host.Tailor);
    }

    [Fact]
    public async Task A_bad_connection_string_stops_the_start_without_printing_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TailorHost.StartAsync(redis, "Endpoint=https://api.openai.com/v1;Key=sk-do-not-print"));
        Assert.Contains("names no model", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-do-not-print", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inconsistent_resilience_settings_stop_the_start()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        var settings = TailorHost.FastSettings();
        // The library requires the circuit's sampling duration to be at least twice the attempt timeout.
        settings["Llm:Resilience:AttemptTimeout:Timeout"] = "00:00:20";
        settings["Llm:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:10";
        await Assert.ThrowsAsync<OptionsValidationException>(() => TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server), settings));
    }

    [Fact]
    public async Task With_a_connection_string_the_llm_tailor_is_used()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        await using var host = await TailorHost.StartAsync(redis, TailorHost.ConnectionStringFor(server));
        Assert.Equal("LlmResumeTailor", host.Tailor.GetType().Name);
    }
}
