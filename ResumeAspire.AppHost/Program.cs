using Microsoft.Extensions.Configuration;
using ResumeAspire.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.Read(builder);

Infrastructure infrastructure;
try
{
    var mode = InfrastructureModes.Decide(builder, settings);
    Prerequisites.Check(mode, runsWeb: builder.ExecutionContext.IsRunMode && settings.WebEnabled);
    infrastructure = mode == InfrastructureMode.Local && !OperatingSystem.IsWindows()
        ? new Infrastructure(
            LocalPostgres.Add(builder, settings.DataPath, settings.PostgresPort),
            LocalRedis.Add(builder, settings.DataPath, settings.RedisPort))
        : ContainerInfrastructure.Add(builder);
}
catch (StartupException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

var (db, redis) = infrastructure;

var api = builder.AddProject<Projects.ResumeAspire_Api>("api")
    .WithReference(db).WithReference(redis)
    .WaitFor(db).WaitFor(redis)
    .WithHttpHealthCheck("/health")
    .WithReplicas(settings.ApiReplicas);

var worker = builder.AddProject<Projects.ResumeAspire_Worker>("worker")
    .WithReference(db).WithReference(redis)
    .WaitFor(db).WaitFor(redis)
    .WithHttpHealthCheck("/health")
    .WithReplicas(settings.WorkerReplicas);

// Optional LLM tailoring: only when ConnectionStrings:openai is configured (user secrets or environment).
if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("openai")))
{
    var openai = builder.AddConnectionString("openai");
    api.WithReference(openai);
    worker.WithReference(openai);
}

// Admins (queue overview in the web app) are named by configuration: Admin:Emails:0=ops@example.com.
foreach (var (email, index) in settings.AdminEmails.Select((email, index) => (email, index)))
{
    api.WithEnvironment($"Admin__Emails__{index}", email);
}

if (builder.ExecutionContext.IsRunMode)
{
    if (settings.DashboardUrl is { } dashboardUrl)
    {
        api.WithEnvironment("Admin__DashboardUrl", dashboardUrl);
    }

    // The Api keeps its well-known address (DESIGN.md); the Worker's only serves health probes.
    api.WithEndpoint("http", endpoint => endpoint.Port = settings.ApiPort);
    worker.WithEndpoint("http", endpoint => endpoint.Port = null);
}

if (builder.ExecutionContext.IsPublishMode)
{
    // Clients of the original system call the Api directly, not only through the web app. The
    // platform's ingress terminates TLS in front of it (docs/deploy.md); the container speaks HTTP.
    api.WithExternalHttpEndpoints();
}

Web.Add(builder, api, settings);

builder.Build().Run();
return 0;
