using System.Globalization;
using System.Runtime.Intrinsics;

namespace DeepNotes.Bench.Harness;

/// <summary>The machine's theoretical float32 FMA peak, and how it was computed.</summary>
public sealed class Machine
{
    public Machine(int threads, double? ghz)
    {
        Cores = threads;
        Lanes = Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4;
        (Ghz, ClockSource) = ghz is double g ? (g, "--ghz") : ReadClock();
    }

    public int Cores { get; }

    /// <summary>float32 lanes per SIMD register (16 with AVX-512).</summary>
    public int Lanes { get; }

    public double Ghz { get; }

    public string ClockSource { get; }

    /// <summary>FMA pipes per core (2 on Zen 4/5 and recent Intel cores).</summary>
    public const int FmaPipes = 2;

    /// <summary>cores × lanes × pipes × 2 flops per FMA × clock, in GFLOP/s.</summary>
    public double PeakGflops => Cores * Lanes * FmaPipes * 2 * Ghz;

    public string Describe() =>
        $"peak fp32 = {Cores} cores × {Lanes} lanes ({(Lanes == 16 ? "Vector512" : Lanes == 8 ? "Vector256" : "Vector128")}) × {FmaPipes} FMA pipes × 2 flops × {Ghz:0.###} GHz ({ClockSource}) = {PeakGflops:0} GFLOP/s";

    private static (double, string) ReadClock()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                if (!line.StartsWith("cpu MHz")) continue;
                var value = line[(line.IndexOf(':') + 1)..].Trim();
                if (double.TryParse(value, CultureInfo.InvariantCulture, out var mhz) && mhz > 500)
                    return (mhz / 1000, "/proc/cpuinfo");
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return (3.2, "default; pass --ghz");
    }
}
