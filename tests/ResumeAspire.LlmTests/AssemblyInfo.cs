// Every test class shares one redis-server (collection "llm"), and the resilience tests compare
// arrival times: run them one after another, not competing for the two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
