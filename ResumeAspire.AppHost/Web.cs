using Aspire.Hosting.ApplicationModel;

namespace ResumeAspire.AppHost;

/// <summary>
/// The React app in ResumeAspire.Web: Vite's dev server in run mode (npm, no Node integration
/// package needed), its Dockerfile (nginx) in publish mode.
/// </summary>
internal static class Web
{
    public static void Add(IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, AppHostSettings settings)
    {
        var webDirectory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "ResumeAspire.Web"));

        if (builder.ExecutionContext.IsPublishMode)
        {
            // The Api is published with an external endpoint whose ingress redirects plain HTTP to
            // HTTPS: nginx proxies to its https address instead of following a redirect.
            builder.AddDockerfile("web", webDirectory)
                .WithHttpEndpoint(targetPort: 80, env: "PORT")
                .WithEnvironment("API_URL", api.GetEndpoint("https"))
                .WithExternalHttpEndpoints();
            return;
        }

        if (!settings.WebEnabled)
        {
            return;
        }

        // vite.config.ts reads PORT and proxies /api to services__api__http__0 (from WithReference).
        var web = builder.AddExecutable("web", "npm", webDirectory, "run", "dev")
            .WithReference(api)
            .WaitFor(api);

        // A fixed port is Vite's own port (no proxy), so the address the user opens never changes.
        web = settings.WebPort is int port
            ? web.WithHttpEndpoint(port: port, targetPort: port, env: "PORT", isProxied: false)
            : web.WithHttpEndpoint(env: "PORT");
        web.WithHttpHealthCheck("/");

        if (NeedsInstall(webDirectory))
        {
            var install = builder.AddExecutable("web-install", "npm", webDirectory, "ci", "--no-audit", "--no-fund");
            web.WaitForCompletion(install);
        }
    }

    /// <summary>npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.</summary>
    internal static bool NeedsInstall(string webDirectory)
    {
        var installed = Path.Combine(webDirectory, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(webDirectory, "package-lock.json");
        return !File.Exists(installed) ||
            (File.Exists(lockFile) && File.GetLastWriteTimeUtc(lockFile) > File.GetLastWriteTimeUtc(installed));
    }
}
