// The GPU backend's pool and scope counters are global, and ILGPU's CPU accelerator already uses every core:
// run the tests one at a time so memory assertions are exact.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
