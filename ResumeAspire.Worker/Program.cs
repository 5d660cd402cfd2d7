using ResumeAspire.Worker;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddResumeWorker();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
