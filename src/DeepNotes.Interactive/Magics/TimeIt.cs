using System.Diagnostics;
using System.Globalization;

namespace DeepNotes.Interactive.Magics;

/// <summary>
/// IPython-style %timeit: the code runs in loops of n calls, repeated r times; with n unset, n grows
/// (1, 2, 5, 10, 20 …) until one loop takes at least 0.2 s, so fast code is timed over many calls.
/// </summary>
public static class TimeIt
{
    private const double TargetLoopSeconds = 0.2;
    public const int DefaultRuns = 7;

    public static TimeItResult Run(Action action, int? loops = null, int? runs = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Measure(n =>
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++) action();
            return Stopwatch.GetElapsedTime(start).TotalSeconds;
        }, loops, runs);
    }

    public static TimeItResult Run(Func<Task> action, int? loops = null, int? runs = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Measure(n =>
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++) action().GetAwaiter().GetResult();
            return Stopwatch.GetElapsedTime(start).TotalSeconds;
        }, loops, runs);
    }

    /// <summary>The measuring loop, over a function that runs n calls and returns the seconds taken.</summary>
    internal static TimeItResult Measure(Func<int, double> timeLoop, int? loops, int? runs)
    {
        int r = runs ?? DefaultRuns;
        if (r <= 0) throw new ArgumentOutOfRangeException(nameof(runs), $"timeit: runs must be positive, got {r}");
        int n;
        if (loops is { } fixedLoops)
        {
            if (fixedLoops <= 0) throw new ArgumentOutOfRangeException(nameof(loops), $"timeit: loops must be positive, got {fixedLoops}");
            n = fixedLoops;
        }
        else
        {
            n = 1;
            foreach (var candidate in Candidates())
            {
                n = candidate;
                if (timeLoop(n) >= TargetLoopSeconds) break;
            }
        }
        var perCall = new double[r];
        for (int i = 0; i < r; i++) perCall[i] = timeLoop(n) / n;
        return new TimeItResult(perCall, n);
    }

    private static IEnumerable<int> Candidates()
    {
        for (int scale = 1; scale <= 100_000_000; scale *= 10)
        {
            yield return scale;
            yield return 2 * scale;
            yield return 5 * scale;
        }
    }

    /// <summary>"1.23 ms" style durations (ns, µs, ms, s).</summary>
    public static string FormatSeconds(double seconds)
    {
        var (value, unit) = seconds switch
        {
            >= 1 => (seconds, "s"),
            >= 1e-3 => (seconds * 1e3, "ms"),
            >= 1e-6 => (seconds * 1e6, "µs"),
            _ => (seconds * 1e9, "ns"),
        };
        return value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + " " + unit;
    }
}

/// <summary>Per-call times of each run (seconds), with the loop count used.</summary>
public sealed record TimeItResult(IReadOnlyList<double> PerCallSeconds, int Loops)
{
    public int Runs => PerCallSeconds.Count;
    public double Min => PerCallSeconds.Min();
    public double Median
    {
        get
        {
            var s = PerCallSeconds.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }
    public double Mean => PerCallSeconds.Average();
    public double StdDev => Math.Sqrt(PerCallSeconds.Select(x => (x - Mean) * (x - Mean)).Sum() / Math.Max(1, Runs - 1));

    public override string ToString() =>
        $"{TimeIt.FormatSeconds(Median)} median, {TimeIt.FormatSeconds(Min)} min per loop " +
        $"(mean {TimeIt.FormatSeconds(Mean)} ± {TimeIt.FormatSeconds(StdDev)} std. dev. of {Runs} runs, {Loops} loop{(Loops == 1 ? "" : "s")} each)";
}
