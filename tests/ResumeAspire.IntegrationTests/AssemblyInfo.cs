// The fixtures publish connection strings through process-wide environment variables, and the
// fault tests kill processes: collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
