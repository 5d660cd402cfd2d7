using Aspire.Hosting;

namespace ResumeAspire.AppHost.Tests;

/// <summary>How the app host picks containers or local executables (DESIGN.md, "Infrastructure modes").</summary>
public sealed class InfrastructureModeTests
{
    [Fact]
    public void Auto_falls_back_to_local_when_no_container_runtime_answers()
    {
        var builder = DistributedApplication.CreateBuilder(["--Infrastructure:Mode=auto", "--ASPIRE_CONTAINER_RUNTIME=/nonexistent/docker"]);

        Assert.Equal(InfrastructureMode.Local, InfrastructureModes.Decide(builder, AppHostSettings.Read(builder)));
    }

    [Theory]
    [InlineData("containers", "Containers")]
    [InlineData("Local", "Local")]
    public void An_explicit_mode_is_taken_as_given(string setting, string expected)
    {
        var builder = DistributedApplication.CreateBuilder([$"--Infrastructure:Mode={setting}"]);

        Assert.Equal(expected, InfrastructureModes.Decide(builder, AppHostSettings.Read(builder)).ToString());
    }

    [Fact]
    public void Publish_mode_always_describes_containers()
    {
        var builder = DistributedApplication.CreateBuilder(
            ["--publisher", "manifest", "--output-path", Path.Combine(Path.GetTempPath(), "unused-manifest.json"), "--Infrastructure:Mode=local"]);

        Assert.Equal(InfrastructureMode.Containers, InfrastructureModes.Decide(builder, AppHostSettings.Read(builder)));
    }

    [Fact]
    public void An_unknown_mode_is_one_sentence_naming_the_choices()
    {
        var builder = DistributedApplication.CreateBuilder(["--Infrastructure:Mode=kubernetes"]);

        var error = Assert.Throws<StartupException>(() => InfrastructureModes.Decide(builder, AppHostSettings.Read(builder)));
        Assert.Equal("Infrastructure:Mode is 'kubernetes': use auto, containers or local.", error.Message);
    }

    [Fact]
    public void Port_zero_means_let_Aspire_choose()
    {
        var builder = DistributedApplication.CreateBuilder(["--Ports:Api=0", "--Ports:Web=5174"]);

        var settings = AppHostSettings.Read(builder);

        Assert.Null(settings.ApiPort);
        Assert.Equal(5174, settings.WebPort);
        Assert.EndsWith(".data", settings.DataPath);
    }
}
