// Grade.Begin/Current are process-wide (a notebook kernel runs one assignment at a time), so the test classes
// that grade must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
