using BenchmarkDotNet.Running;
using ResumeAspire.Benchmarks;

// dotnet run -c Release -- --filter '*'   (any BenchmarkDotNet command-line option works too)
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Tailoring).Assembly).Run(args, new BenchConfig());

// A benchmark that threw or a config that did not validate makes the run fail, not just print.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
