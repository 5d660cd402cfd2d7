using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace ResumeAspire.Api.Infrastructure;

/// <summary>
/// One data protection key ring for every Api replica, kept in Redis. Identity's bearer and
/// refresh tokens are protected with it: with each replica's own key ring (the default, a folder
/// under $HOME) a token issued by one replica is rejected by the next.
/// </summary>
public static class DataProtectionExtensions
{
    /// <summary>
    /// Part of every protected payload's purpose: all replicas must agree on it, and it must not
    /// change, or every token issued so far stops working.
    /// </summary>
    public const string ApplicationName = "ResumeAspire";

    /// <summary>Redis list holding the key ring's XML elements.</summary>
    public const string KeyRingKey = "resume:dataprotection-keys";

    public static IHostApplicationBuilder AddSharedDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);

        // What PersistKeysToStackExchangeRedis(Func<IDatabase>, key) registers, but with the
        // multiplexer of the Aspire Redis client integration taken from the container when the key
        // ring is first read: nothing connects while services are registered, and the key ring
        // shares the connection, configuration and telemetry of everything else that uses Redis.
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, services) => options.XmlRepository = new RedisXmlRepository(
                () => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), KeyRingKey));

        return builder;
    }
}
