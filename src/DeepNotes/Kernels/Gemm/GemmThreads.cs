namespace DeepNotes.Kernels;

/// <summary>
/// How many threads a GEMM may use. Work running inside one of our parallel regions (a batched matmul
/// split over its batch, or a GEMM's own workers) gets one thread, so nested calls never oversubscribe.
/// </summary>
internal static class GemmThreads
{
    private static int maxThreads = Environment.ProcessorCount;

    /// <summary>Upper bound on GEMM threads (defaults to the processor count; the bench may lower it).</summary>
    public static int MaxThreads
    {
        get => maxThreads;
        set => maxThreads = Math.Clamp(value, 1, Environment.ProcessorCount);
    }

    /// <summary>Threads available to a GEMM started on the current thread.</summary>
    public static int Available => KernelThreads.InRegion ? 1 : maxThreads;

    /// <summary>Runs body(0..count-1) in parallel on the kernel workers (nested GEMMs then run on one thread).</summary>
    public static void For(int count, Action<int> body) => KernelThreads.For(count, body);
}
