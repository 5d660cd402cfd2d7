namespace ResumeAspire.AppHost.Tests;

/// <summary>A missing OS package stops the app host with one sentence that names it.</summary>
public sealed class PrerequisiteTests : IDisposable
{
    private const string RedisSentence =
        "redis-server was not found on PATH: install it with `sudo apt-get install -y redis-server` (or run eng/prereqs.sh).";

    private readonly string _empty = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"resumeaspire-prereq-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public void Local_mode_without_redis_server_names_the_package()
    {
        var missing = Prerequisites.Missing(InfrastructureMode.Local, runsWeb: false, searchPath: _empty, postgresInstallRoot: _empty, asRoot: false);

        Assert.Contains(RedisSentence, missing);
        Assert.Contains(missing, sentence => sentence.Contains("sudo apt-get install -y postgresql", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_is_missing_when_the_programs_are_there()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_empty, "bin")).FullName;
        var postgresBin = Directory.CreateDirectory(Path.Combine(_empty, "postgresql", "16", "bin")).FullName;
        foreach (var program in new[] { Path.Combine(bin, "redis-server"), Path.Combine(bin, "npm"), Path.Combine(postgresBin, "initdb"), Path.Combine(postgresBin, "postgres") })
        {
            File.WriteAllText(program, "#!/bin/sh\n");
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var missing = Prerequisites.Missing(InfrastructureMode.Local, runsWeb: true, searchPath: bin, postgresInstallRoot: Path.Combine(_empty, "postgresql"), asRoot: false);

        Assert.Empty(missing);
    }

    [Fact]
    public void Containers_mode_needs_only_npm_for_the_web_dev_server()
    {
        Assert.Empty(Prerequisites.Missing(InfrastructureMode.Containers, runsWeb: false, searchPath: _empty, postgresInstallRoot: _empty, asRoot: false));
        Assert.Equal(
            ["npm was not found on PATH: install it with `sudo apt-get install -y nodejs npm` (or run eng/prereqs.sh)."],
            Prerequisites.Missing(InfrastructureMode.Containers, runsWeb: true, searchPath: _empty, postgresInstallRoot: _empty, asRoot: false));
    }

    [Fact]
    public async Task App_host_exits_non_zero_with_the_sentence_and_no_stack_trace()
    {
        // A PATH with no redis-server, but with the tools that running as root needs.
        var bin = Directory.CreateDirectory(Path.Combine(_empty, "path")).FullName;
        foreach (var tool in new[] { "/usr/bin/setpriv", "/usr/sbin/runuser" }.Where(File.Exists))
        {
            File.CreateSymbolicLink(Path.Combine(bin, Path.GetFileName(tool)), tool);
        }

        var run = await DotnetRun.AppHostAsync(
            ["--Infrastructure:Mode=local", $"--Infrastructure:DataPath={Path.Combine(_empty, "data")}", "--Web:Enabled=false"],
            new Dictionary<string, string> { ["PATH"] = bin });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(RedisSentence, run.StandardError);
        Assert.DoesNotContain("   at ", run.StandardError);
        Assert.False(Directory.Exists(Path.Combine(_empty, "data", "postgres")), "nothing is created before the check passes");
    }

    public void Dispose() => Directory.Delete(_empty, recursive: true);
}
