namespace ResumeAspire.AppHost;

/// <summary>Where PostgreSQL and Redis come from (setting <c>Infrastructure:Mode</c>).</summary>
internal enum InfrastructureMode
{
    Containers,
    Local,
}

internal static class InfrastructureModes
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Decided before any resource is added: a container resource without an engine never gets
    /// healthy, and everything that waits for it would wait forever.
    /// </summary>
    public static InfrastructureMode Decide(IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        // azd deploys containers whatever this machine has.
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }

        switch (settings.Mode.Trim().ToLowerInvariant())
        {
            case "containers":
                return InfrastructureMode.Containers;
            case "local" when OperatingSystem.IsWindows():
                throw new StartupException(
                    "Infrastructure:Mode local runs PostgreSQL and Redis from Linux packages: on Windows use containers (Docker Desktop or Podman).");
            case "local":
                return InfrastructureMode.Local;
            case "auto" when OperatingSystem.IsWindows():
                return InfrastructureMode.Containers;
            case "auto":
                var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } configured ? configured : "docker";
                var mode = ContainerRuntimeAnswers(runtime) ? InfrastructureMode.Containers : InfrastructureMode.Local;
                Console.WriteLine(mode == InfrastructureMode.Containers
                    ? $"Infrastructure: containers ({runtime} answered)."
                    : $"Infrastructure: local executables ({runtime} did not answer; set Infrastructure:Mode to override).");
                return mode;
            default:
                throw new StartupException(
                    $"Infrastructure:Mode is '{settings.Mode}': use auto, containers or local.");
        }
    }

    /// <summary>True when the runtime's engine (not just its CLI) answers.</summary>
    private static bool ContainerRuntimeAnswers(string runtime)
    {
        // podman's info has no ServerVersion; both CLIs exit non-zero when their engine is unreachable.
        var format = Path.GetFileNameWithoutExtension(runtime).Equals("podman", StringComparison.OrdinalIgnoreCase)
            ? "{{.Version.Version}}"
            : "{{.ServerVersion}}";
        var result = Processes.Run(runtime, ["info", "--format", format], ProbeTimeout);
        return result.Succeeded && result.Output.Length > 0;
    }
}
