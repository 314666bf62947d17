using System.Diagnostics;

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
            // Warm up (JIT tiers, caches, thread pools), then size a sample to last at least minSampleMs.
            var warm = Stopwatch.StartNew();
            int calls = 0;
            do { candidate.Run(); calls++; } while (calls < 3 || (warm.Elapsed.TotalMilliseconds < 100 && calls < 1000));
            double perCall = Math.Max(1e-9, TimeOnce(candidate.Run, 1));
            iterations[c] = (int)Math.Clamp(Math.Ceiling(minSampleMs / 1000 / perCall), 1, 1_000_000);
        }
        var samples = new double[count][];
        for (int c = 0; c < count; c++) samples[c] = new double[reps];
        for (int r = 0; r < reps; r++)
            for (int c = 0; c < count; c++)
                if (candidates[c] is { } candidate) samples[c][r] = TimeOnce(candidate.Run, iterations[c]);
        var medians = new double[count];
        for (int c = 0; c < count; c++)
            medians[c] = candidates[c] is null ? double.NaN : Median(samples[c]);
        return medians;
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
