using ResumeAspire.Worker;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddResumeWorker();

var app = builder.Build();
CpuPriority.Apply(app.Services);
app.MapDefaultEndpoints();
app.Run();
