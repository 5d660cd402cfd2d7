using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ResumeAspire.Benchmarks;

/// <summary>
/// Sized for a 2-core machine and a run of about two minutes, with fixed counts rather than the
/// pilot stage's choice (on a loaded machine the pilot picked as few as 14 invocations per
/// iteration for the PDF):
/// <list type="bullet">
/// <item>invocations per iteration set on each class ([InvocationCount]) so that an iteration takes
/// about 250 ms, well over BenchmarkDotNet's recommended 100 ms minimum;</item>
/// <item>15 warm-up iterations, about 4 s: tiered JIT and dynamic PGO take that long to settle here.
/// With 3 warm-ups of 128 invocations, the first 8 measured iterations of the .docx render were
/// still getting faster (3.0 ms/op down to 0.8 ms/op);</item>
/// <item>20 measured iterations, so each mean and median rests on 20 × the class's count, at
/// least 1,280 invocations (the "Ops" column shows the count).</item>
/// </list>
/// Results go to BenchmarkDotNet.Artifacts/results, GitHub markdown among them (DefaultConfig's
/// exporters: GitHub markdown, CSV, HTML).
/// </summary>
internal sealed class BenchConfig : ManualConfig
{
    public const int WarmupIterations = 15;
    public const int Iterations = 20;

    public BenchConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithId("Fixed")
            .WithWarmupCount(WarmupIterations)
            .WithIterationCount(Iterations)
            .AsDefault());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, new MeasuredOperationsColumn());
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared));
        WithOption(ConfigOptions.JoinSummary, true);
    }

    /// <summary>How many invocations the measured (workload, actual) iterations made in total.</summary>
    private sealed class MeasuredOperationsColumn : IColumn
    {
        public string Id => nameof(MeasuredOperationsColumn);

        public string ColumnName => "Ops";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 100;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Invocations measured in the workload iterations (the statistics' sample)";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report is null)
            {
                return "-";
            }

            var operations = report.AllMeasurements
                .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
                .Sum(m => m.Operations);
            return operations.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
