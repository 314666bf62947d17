using System.Diagnostics;
using System.Runtime;

namespace DeepNotes.Bench.Harness;

/// <summary>
/// Interleaved timing: every round runs each candidate once (a batch of calls long enough to time), so
/// machine noise hits all contenders alike; the result is each candidate's median time per call.
/// </summary>
public static class Timing
{
    public static double[] MedianSeconds(IReadOnlyList<Candidate?> candidates, int reps, double minSampleMs)
    {
        int count = candidates.Count;
        var iterations = new int[count];
        for (int c = 0; c < count; c++)
        {
            if (candidates[c] is not { } candidate) continue;
            WarmUp(candidate.Run);
            double perCall = Math.Max(1e-9, TimeOnce(candidate.Run, 1));
            iterations[c] = (int)Math.Clamp(Math.Ceiling(minSampleMs / 1000 / perCall), 1, 1_000_000);
        }
        var samples = new double[count][];
        for (int c = 0; c < count; c++) samples[c] = new double[reps];
        for (int r = 0; r < reps; r++)
            for (int c = 0; c < count; c++)
                if (candidates[c] is { } candidate)
                {
                    // Let the previous contender's worker threads stop spinning (OpenMP/OpenBLAS spin after a
                    // parallel region for a while) so they don't steal this one's cores.
                    Thread.Sleep(30);
                    samples[c][r] = TimeOnce(candidate.Run, iterations[c]);
                }
        var medians = new double[count];
        for (int c = 0; c < count; c++)
            medians[c] = candidates[c] is null ? double.NaN : Median(samples[c]);
        return medians;
    }

    /// <summary>
    /// Runs a candidate until the JIT has settled: .NET compiles hot methods first without optimization (tier 0) and
    /// recompiles them optimized in the background only after ~30 calls and a quiet 100 ms, so timing the first few
    /// hundred milliseconds would time unoptimized SIMD code. We warm up until no method has been (re)compiled for
    /// 300 ms (at most 10 s), which also warms caches and thread pools. Native anchors settle at once.
    /// </summary>
    private static void WarmUp(Action run)
    {
        var warm = Stopwatch.StartNew();
        long methods = JitInfo.GetCompiledMethodCount();
        double quietSince = 0;
        int calls = 0;
        while (true)
        {
            run();
            calls++;
            long now = JitInfo.GetCompiledMethodCount();
            double t = warm.Elapsed.TotalMilliseconds;
            if (now != methods) { methods = now; quietSince = t; }
            if (calls >= 3 && t >= 100 && t - quietSince >= 300) break;
            if (t > 10_000) break;
        }
    }

    private static double TimeOnce(Action run, int iterations)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < iterations; i++) run();
        return Stopwatch.GetElapsedTime(start).TotalSeconds / iterations;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
