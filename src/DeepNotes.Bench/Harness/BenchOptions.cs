using System.Globalization;
using DeepNotes.Bench.Suites;

namespace DeepNotes.Bench.Harness;

/// <summary>Command-line options of the bench.</summary>
public sealed record BenchOptions(IReadOnlyList<string> Suites, double? Ghz, int Reps, int Threads, double MinSampleMs, string? Filter, bool Anchors = true)
{
    public static BenchOptions? Parse(string[] args)
    {
        var suites = new List<string>();
        double? ghz = null;
        int reps = 7, threads = Math.Min(2, Environment.ProcessorCount);
        double minSampleMs = 40;
        string? filter = null;
        bool anchors = true;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--ghz" when double.TryParse(Next(), CultureInfo.InvariantCulture, out var g) && g > 0: ghz = g; break;
                case "--reps" when int.TryParse(Next(), out var r) && r > 0: reps = r; break;
                case "--threads" when int.TryParse(Next(), out var t) && t > 0: threads = t; break;
                case "--sample-ms" when double.TryParse(Next(), CultureInfo.InvariantCulture, out var s) && s > 0: minSampleMs = s; break;
                case "--filter" when Next() is { } f: filter = f; break;
                case "--no-anchors": anchors = false; break;
                case "-h" or "--help": return null;
                default:
                    if (arg.StartsWith('-')) return null;
                    suites.Add(arg.ToLowerInvariant());
                    break;
            }
        }
        return new BenchOptions(suites, ghz, reps, threads, minSampleMs, filter, anchors);
    }

    public static string Usage(IReadOnlyList<IBenchSuite> suites) =>
        "usage: dotnet run -c Release --project src/DeepNotes.Bench -- <suite>... [options]\n" +
        "suites:\n" + string.Concat(suites.Select(s => $"  {s.Name,-12} {s.Description}\n")) +
        "  all          every suite\n" +
        "options:\n" +
        "  --ghz G        clock used for the theoretical peak (default: /proc/cpuinfo MHz, else 3.2)\n" +
        "  --reps N       timed samples per case, medians reported (default 7)\n" +
        "  --threads N    threads for ours, OpenBLAS and libtorch (default 2)\n" +
        "  --sample-ms T  minimum duration of one sample (default 40)\n" +
        "  --filter TEXT  only the cases whose label contains TEXT\n" +
        "  --no-anchors   time ours alone (no OpenBLAS or libtorch loaded; their worker threads then cannot disturb ours)\n";
}
