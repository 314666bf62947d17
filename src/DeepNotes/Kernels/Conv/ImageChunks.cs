namespace DeepNotes.Kernels.Conv;

/// <summary>
/// Splits a batch of images into runs of consecutive images for <see cref="KernelThreads.For"/>. There are several
/// runs per thread, handed out one at a time: on a shared machine a worker is often descheduled, and with one run per
/// thread the caller then sat waiting for that worker's whole half of the batch; with small runs it takes them over.
/// </summary>
internal static class ImageChunks
{
    /// <summary>Runs per thread (enough to rebalance, few enough that per-run setup stays negligible).</summary>
    private const int PerThread = 4;

    /// <summary>How many runs n images get: one when the work is below threshold (threads would not pay).</summary>
    public static int Count(int n, long work, long threshold)
    {
        if (n <= 0) return 0;
        if (n == 1 || work < threshold || Environment.ProcessorCount == 1) return 1;
        return Math.Min(n, PerThread * Environment.ProcessorCount);
    }

    /// <summary>The first image and one past the last of run i out of count.</summary>
    public static (int Start, int End) Range(int n, int i, int count) =>
        ((int)((long)n * i / count), (int)((long)n * (i + 1) / count));

    /// <summary>Runs body(start, end) over the runs of n images, in parallel when there are several.</summary>
    public static void For(int n, long work, long threshold, Action<int, int> body)
    {
        int count = Count(n, work, threshold);
        if (count == 0) return;
        if (count == 1)
        {
            body(0, n);
            return;
        }
        KernelThreads.For(count, i =>
        {
            var (start, end) = Range(n, i, count);
            body(start, end);
        });
    }
}
