namespace ResumeAspire.AppHost.Tests;

/// <summary>When the app host runs <c>npm ci</c> (the "web-install" resource) before Vite.</summary>
public sealed class WebTests : IDisposable
{
    private readonly string _web = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"resumeaspire-web-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public void Installs_when_node_modules_is_missing()
    {
        File.WriteAllText(Path.Combine(_web, "package-lock.json"), "{}");

        Assert.True(Web.NeedsInstall(_web));
    }

    [Fact]
    public void Installs_when_the_lock_file_is_newer_than_the_last_install()
    {
        var installed = InstalledAt(DateTime.UtcNow.AddHours(-1));
        File.WriteAllText(Path.Combine(_web, "package-lock.json"), "{}");
        File.SetLastWriteTimeUtc(Path.Combine(_web, "package-lock.json"), File.GetLastWriteTimeUtc(installed).AddMinutes(5));

        Assert.True(Web.NeedsInstall(_web));
    }

    [Fact]
    public void Skips_the_install_when_node_modules_is_current()
    {
        File.WriteAllText(Path.Combine(_web, "package-lock.json"), "{}");
        File.SetLastWriteTimeUtc(Path.Combine(_web, "package-lock.json"), DateTime.UtcNow.AddHours(-1));
        InstalledAt(DateTime.UtcNow);

        Assert.False(Web.NeedsInstall(_web));
    }

    private string InstalledAt(DateTime time)
    {
        var marker = Path.Combine(Directory.CreateDirectory(Path.Combine(_web, "node_modules")).FullName, ".package-lock.json");
        File.WriteAllText(marker, "{}");
        File.SetLastWriteTimeUtc(marker, time);
        return marker;
    }

    public void Dispose() => Directory.Delete(_web, recursive: true);
}
