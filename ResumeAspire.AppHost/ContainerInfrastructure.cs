using Aspire.Hosting.ApplicationModel;

namespace ResumeAspire.AppHost;

/// <summary>The connection-string resources that Api and Worker reference, whatever the mode.</summary>
internal sealed record Infrastructure(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Redis);

/// <summary>PostgreSQL and Redis as containers: with a container runtime, and always in publish mode.</summary>
internal static class ContainerInfrastructure
{
    public const string PostgresPasswordParameter = "postgres-password";
    public const string RedisPasswordParameter = "redis-password";

    public static Infrastructure Add(IDistributedApplicationBuilder builder)
    {
        var database = builder.AddPostgres("postgres", password: Password(builder, PostgresPasswordParameter))
            .WithDataVolume()
            .AddDatabase("resumedb");

        // Redis holds the queue and the Api's data protection key ring (which signs every bearer
        // token): it never runs without a password, in a container or in production.
        var redis = builder.AddRedis("redis", password: Password(builder, RedisPasswordParameter))
            .WithDataVolume()
            .WithPersistence();

        return new Infrastructure(database, redis);
    }

    /// <summary>
    /// A secret parameter: in run mode generated once and kept in the app host's user secrets; in
    /// the manifest an input that azd generates or asks for, never a value. Letters and digits
    /// only, so nothing needs escaping in a connection string or a URI.
    /// </summary>
    private static IResourceBuilder<ParameterResource> Password(IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
}
