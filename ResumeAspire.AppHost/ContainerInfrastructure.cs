using Aspire.Hosting.ApplicationModel;

namespace ResumeAspire.AppHost;

/// <summary>The connection-string resources that Api and Worker reference, whatever the mode.</summary>
internal sealed record Infrastructure(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Redis);

/// <summary>PostgreSQL and Redis as containers: with a container runtime, and always in publish mode.</summary>
internal static class ContainerInfrastructure
{
    public static Infrastructure Add(IDistributedApplicationBuilder builder)
    {
        // Generated once and kept in user secrets in run mode; a secret input (never a value) in the manifest.
        var password = builder.AddParameter(
            "postgres-password",
            new GenerateParameterDefault { MinLength = 24, Special = false },
            secret: true,
            persist: true);

        var database = builder.AddPostgres("postgres", password: password)
            .WithDataVolume()
            .AddDatabase("resumedb");

        var redis = builder.AddRedis("redis")
            .WithDataVolume()
            .WithPersistence();

        return new Infrastructure(database, redis);
    }
}
