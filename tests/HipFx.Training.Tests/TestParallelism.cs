// Torch's global state (the default RNG that manual_seed sets, the intra-op thread count) is process-wide: test
// classes that seed models or pin threads interfere when xunit runs them in parallel (a replica-equivalence test saw
// another class's manual_seed; a managed-memory test saw another class's allocations). Training tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
