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
        (FmaPipes, Core) = Pipes(Lanes);
        MeasuredGhz = MeasureFmaClock(Lanes, FmaPipes);
        if (ghz is double g) (Ghz, ClockSource) = (g, "--ghz");
        else
        {
            // A VM's /proc/cpuinfo often shows the base clock while cores boost higher; a single-core FMA loop
            // that beats the base-clock peak proves it, so take whichever is higher.
            var (cpuinfo, source) = ReadClock();
            (Ghz, ClockSource) = MeasuredGhz > cpuinfo * 1.02
                ? (Math.Round(MeasuredGhz, 2), $"measured by a 1-core FMA loop; {source} says {cpuinfo:0.###}")
                : (cpuinfo, source);
        }
    }

    /// <summary>Clock implied by a single-core register-only FMA loop (lower when the machine is busy).</summary>
    public double MeasuredGhz { get; }

    public int Cores { get; }

    /// <summary>float32 lanes per SIMD register (16 with AVX-512).</summary>
    public int Lanes { get; }

    public double Ghz { get; }

    public string ClockSource { get; }

    /// <summary>
    /// Full-width FMAs a core starts per cycle: 2 on Zen 5 and on Zen 4 for Vector256, but 1 Vector512 FMA on Zen 4
    /// (its two 256-bit pipes each take half of one), as on many Intel cores.
    /// </summary>
    public int FmaPipes { get; }

    /// <summary>The core design as far as /proc/cpuinfo tells (e.g. "AMD family 25 (Zen 4)").</summary>
    public string Core { get; }

    /// <summary>cores × lanes × pipes × 2 flops per FMA × clock, in GFLOP/s.</summary>
    public double PeakGflops => Cores * Lanes * FmaPipes * 2 * Ghz;

    public string Describe() =>
        $"peak fp32 = {Cores} cores × {Lanes} lanes ({(Lanes == 16 ? "Vector512" : Lanes == 8 ? "Vector256" : "Vector128")}) × {FmaPipes} FMA/cycle ({Core}) × 2 flops × {Ghz:0.###} GHz ({ClockSource}) = {PeakGflops:0} GFLOP/s";

    private static (int, string) Pipes(int lanes)
    {
        string vendor = "", family = "", model = "";
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                var value = line[(line.IndexOf(':') + 1)..].Trim();
                if (line.StartsWith("vendor_id")) vendor = value;
                else if (line.StartsWith("cpu family")) family = value;
                else if (line.StartsWith("model") && !line.StartsWith("model name")) model = value;
                if (line.Length == 0) break;   // the first processor is enough
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        if (vendor == "AuthenticAMD" && family == "25")
            return (lanes == 16 ? 1 : 2, $"AMD family 25 model {model}: Zen 3/4");
        if (vendor == "AuthenticAMD" && family == "26") return (2, $"AMD family 26 model {model}: Zen 5");
        return (2, vendor.Length > 0 ? $"{vendor} family {family} model {model}, assumed 2" : "unknown core, assumed 2");
    }

    private static double MeasureFmaClock(int lanes, int pipes)
    {
        if (!Vector256.IsHardwareAccelerated) return 0;
        double best = 0;
        for (int trial = 0; trial < 5; trial++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            long fmas = lanes == 16 ? FmaLoop512(2_000_000) : FmaLoop256(2_000_000);
            double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
            best = Math.Max(best, fmas * 2.0 / seconds / 1e9 / (lanes * pipes * 2));
        }
        return best;
    }

    private static long FmaLoop512(int iterations)
    {
        // 12 independent chains cover FMA latency × pipes; the result is kept alive so the loop stays.
        var x = Vector512.Create(0.999999f);
        Vector512<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        var y = Vector512.Create(1e-7f);
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y); a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y); a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y); a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y); a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y); a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y); a11 = Vector512.FusedMultiplyAdd(a11, x, y);
        }
        sink = (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).ToScalar();
        return 12L * iterations * 16;
    }

    private static long FmaLoop256(int iterations)
    {
        var x = Vector256.Create(0.999999f);
        Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x;
        var y = Vector256.Create(1e-7f);
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
        }
        sink = (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9).ToScalar();
        return 10L * iterations * 8;
    }

    private static float sink;

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
