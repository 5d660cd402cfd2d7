using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ResumeAspire.AppHost;

/// <summary>
/// redis-server from the operating system's packages, run by Aspire as the resource "redis" that
/// also carries the connection string, as the container resource does in containers mode.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class LocalRedisResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

[UnsupportedOSPlatform("windows")]
internal static class LocalRedis
{
    public static IResourceBuilder<IResourceWithConnectionString> Add(IDistributedApplicationBuilder builder, string dataRoot, int? port)
    {
        var redisServer = Prerequisites.FindOnPath("redis-server", Environment.GetEnvironmentVariable("PATH"))
            ?? throw new StartupException(Prerequisites.Sentence("redis-server was not found on PATH", "redis-server"));

        var dataDirectory = Path.Combine(dataRoot, "redis");
        Directory.CreateDirectory(dataDirectory);

        // A port known now, not one Aspire allocates later: the health check must reach redis-server
        // itself, and a dynamic target port is only ever resolved inside the orchestrator.
        var serverPort = port ?? LoopbackPorts.Free();
        var resource = new LocalRedisResource("redis", redisServer, dataDirectory);
        var redis = builder.AddResource(resource)
            .WithEndpoint(port: serverPort, targetPort: serverPort, name: LocalRedisResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(
                "--bind", "127.0.0.1",
                "--port", serverPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--protected-mode", "yes",
                "--dir", dataDirectory,
                // Queue entries must survive a restart: append-only file plus the default snapshots.
                "--appendonly", "yes")
            .WithHealthCheck("redis-local");

        builder.Services.AddHealthChecks().AddAsyncCheck("redis-local", async cancellationToken =>
        {
            try
            {
                return await PingAsync(serverPort, cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("redis-server did not answer PING");
            }
            catch (Exception e) when (e is SocketException or IOException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Refused while redis-server starts: expected, no stack trace needed.
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });

        return redis;
    }

    /// <summary>Sends PING in Redis' own protocol (an inline command) and expects +PONG.</summary>
    private static async Task<bool> PingAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }
}
