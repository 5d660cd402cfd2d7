using ResumeAspire.Core;
using ResumeAspire.Core.Data;
using ResumeAspire.Worker;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddResumeData();
builder.Services.AddResumeGeneration();

builder.Services.AddOptions<WorkerOptions>()
    .Bind(builder.Configuration.GetSection(WorkerOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<WakeSignal>();
builder.Services.AddSingleton<JobProcessor>();

// Registered first: hosted services start in order, so the schema exists before the consumer reads.
builder.Services.AddHostedService<DatabaseMigrationService>();
builder.Services.AddHostedService<JobConsumer>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
