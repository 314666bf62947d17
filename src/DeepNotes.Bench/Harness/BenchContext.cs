using DeepNotes.Bench.Anchors;
using DeepNotes.Kernels;

namespace DeepNotes.Bench.Harness;

/// <summary>What every suite shares: options, the machine's peak, and the anchors that loaded.</summary>
public sealed class BenchContext : IDisposable
{
    public BenchContext(BenchOptions options)
    {
        Options = options;
        Machine = new Machine(options.Threads, options.Ghz);
        GemmThreads.MaxThreads = options.Threads;
        openBlasStatus = torchStatus = "skipped (--no-anchors)";
        if (options.Anchors)
        {
            OpenBlas = OpenBlasAnchor.TryLoad(options.Threads, out openBlasStatus);
            Torch = TorchAnchor.TryLoad(options.Threads, out torchStatus);
        }
    }

    private readonly string openBlasStatus;
    private readonly string torchStatus;

    public BenchOptions Options { get; }
    public Machine Machine { get; }

    /// <summary>Null when libopenblas.so.0 is not installed.</summary>
    public OpenBlasAnchor? OpenBlas { get; }

    /// <summary>Null when TorchSharp's native libraries did not load.</summary>
    public TorchAnchor? Torch { get; }

    public void PrintHeader()
    {
        Console.WriteLine($"DeepNotes bench · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · .NET {Environment.Version} · {Environment.ProcessorCount} logical CPUs · load average {LoadAverage()}");
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"threads: ours {GemmThreads.MaxThreads}, OpenBLAS and libtorch {Options.Threads}; {Options.Reps} interleaved samples of ≥ {Options.MinSampleMs} ms per case, medians");
        Console.WriteLine($"anchor OpenBLAS: {openBlasStatus}");
        Console.WriteLine($"anchor libtorch: {torchStatus}");
    }

    /// <summary>Whether a case with this label was selected by --filter.</summary>
    public bool Selected(string label) => Options.Filter is null || label.Contains(Options.Filter, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the candidates interleaved and returns their median seconds per call.</summary>
    public double[] Measure(params Candidate?[] candidates) => Timing.MedianSeconds(candidates, Options.Reps, Options.MinSampleMs);

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "n/a"; }
    }

    public void Dispose() => Torch?.Dispose();
}
