using Microsoft.AspNetCore.Identity;
using ResumeAspire.Api.Account;
using ResumeAspire.Api.Admin;
using ResumeAspire.Api.Auth;
using ResumeAspire.Api.Candidates;
using ResumeAspire.Api.Generation;
using ResumeAspire.Api.Health;
using ResumeAspire.Api.Infrastructure;
using ResumeAspire.Api.Jobs;
using ResumeAspire.Api.RateLimiting;
using ResumeAspire.Core;
using ResumeAspire.Core.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// 32 connections keep PostgreSQL's two cores busy; Npgsql's default of 100 per process took Api and
// Worker past max_connections under load, and requests failed instead of queueing (bench/README.md).
builder.AddResumeData(defaultMaxPoolSize: 32);
builder.AddSharedDataProtection();
builder.Services.AddResumeGeneration();
// Synchronous generation tailors like the worker: with the LLM when one is configured.
builder.AddResumeTailoring();

builder.Services.AddOptions<ApiOptions>()
    .Bind(builder.Configuration.GetSection(ApiOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.WebHost.ConfigureKestrel((context, kestrel) =>
    kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue($"{ApiOptions.Section}:{nameof(ApiOptions.MaxRequestBodyBytes)}", ApiOptions.DefaultMaxRequestBodyBytes));

builder.Services.AddOptions<JobLimitsOptions>()
    .Bind(builder.Configuration.GetSection(JobLimitsOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddJobRateLimiting();

builder.Services.AddAuthorization();
builder.Services.AddAdmin(builder.Configuration);
builder.Services.AddIdentityApiEndpoints<AppUser>()
    .AddEntityFrameworkStores<ResumeDbContext>();
builder.Services.AddBearerTicketCache();

builder.Services.ConfigureHttpJsonOptions(options => JsonWireFormat.Apply(options.SerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();

builder.Services.AddSingleton<JobLookups>();
builder.Services.AddSingleton<EnqueueAdmission>();
builder.Services.AddScoped<JobEnqueuer>();
builder.Services.AddSingleton<CandidateLookupBatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<CandidateLookupBatcher>());
builder.Services.AddSingleton<JobInsertBatcher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<JobInsertBatcher>());
builder.Services.AddScoped<JobCanceller>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHostedService<DatabaseMigrationService>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseEnqueueAdmission();

app.MapOpenApi("/api/openapi/{documentName}.json");
app.MapDefaultEndpoints();
app.MapAuthApi();
app.MapAccountApi();
app.MapQueueOverviewApi();
app.MapHealthzApi();
app.MapCandidatesApi();
app.MapResumeJobsApi();
app.MapSyncGenerationApi();

app.Run();
