using Microsoft.Extensions.Configuration;

namespace ResumeAspire.AppHost;

/// <summary>The app host's own settings (appsettings.json, environment, command line).</summary>
internal sealed record AppHostSettings(
    string Mode,
    string DataPath,
    int? ApiPort,
    int? WebPort,
    int? PostgresPort,
    int? RedisPort,
    bool WebEnabled,
    int ApiReplicas,
    int WorkerReplicas,
    IReadOnlyList<string> AdminEmails,
    string? DashboardUrl)
{
    public const string DefaultMode = "auto";
    public const int DefaultApiPort = 5080;
    public const int DefaultWebPort = 5173;

    public static AppHostSettings Read(IDistributedApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));

        return new AppHostSettings(
            Mode: config["Infrastructure:Mode"] ?? DefaultMode,
            DataPath: Path.GetFullPath(config["Infrastructure:DataPath"] ?? ".data", repositoryRoot),
            ApiPort: Port(config, "Ports:Api", DefaultApiPort),
            WebPort: Port(config, "Ports:Web", DefaultWebPort),
            PostgresPort: Port(config, "Ports:Postgres", 0),
            RedisPort: Port(config, "Ports:Redis", 0),
            WebEnabled: config.GetValue("Web:Enabled", true),
            // Replicas of the Api share one data protection key ring in Redis, so any replica accepts any replica's tokens.
            ApiReplicas: Math.Max(1, config.GetValue("Api:Replicas", 1)),
            WorkerReplicas: Math.Max(1, config.GetValue("Worker:Replicas", 1)),
            AdminEmails: [.. config.GetSection("Admin:Emails").GetChildren().Select(c => c.Value).OfType<string>().Where(e => e.Length > 0)],
            // The dashboard listens where the launch profile's ASPNETCORE_URLS says (first address).
            DashboardUrl: config["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault());
    }

    // 0 means "let Aspire choose", so two app hosts (or a test next to a dev run) can coexist.
    private static int? Port(IConfiguration config, string key, int fallback)
    {
        var port = config.GetValue(key, fallback);
        return port > 0 ? port : null;
    }
}
