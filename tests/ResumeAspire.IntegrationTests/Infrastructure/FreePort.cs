using System.Net;
using System.Net.Sockets;

namespace ResumeAspire.IntegrationTests.Infrastructure;

internal static class FreePort
{
    /// <summary>A port the OS just handed out; tests never use fixed ports, so parallel runs do not collide.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
