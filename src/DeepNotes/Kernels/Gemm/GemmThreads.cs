namespace DeepNotes.Kernels;

/// <summary>
/// How many threads a GEMM may use. Work running inside one of our parallel regions (a batched matmul
/// split over its batch, or a GEMM's own workers) gets one thread, so nested calls never oversubscribe.
/// </summary>
internal static class GemmThreads
{
    [ThreadStatic] private static bool inParallelRegion;

    private static int maxThreads = Environment.ProcessorCount;

    /// <summary>Upper bound on GEMM threads (defaults to the processor count; the bench may lower it).</summary>
    public static int MaxThreads
    {
        get => maxThreads;
        set => maxThreads = Math.Clamp(value, 1, Environment.ProcessorCount);
    }

    /// <summary>Threads available to a GEMM started on the current thread.</summary>
    public static int Available => inParallelRegion ? 1 : maxThreads;

    /// <summary>Runs body(0..count-1) in parallel, marking the workers as inside a parallel region.</summary>
    public static void For(int count, Action<int> body)
    {
        if (count == 1)
        {
            RunMarked(0, body);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, i => RunMarked(i, body));
    }

    private static void RunMarked(int i, Action<int> body)
    {
        bool previous = inParallelRegion;
        inParallelRegion = true;
        try { body(i); }
        finally { inParallelRegion = previous; }
    }
}
