using DeepNotes.Bench.Harness;
using DeepNotes.Gpu;
using DeepNotes.NN;
using ILGPU.Runtime.Cuda;

namespace DeepNotes.Bench.Suites;

/// <summary>
/// The ILGPU backend on a CUDA device: float32 GEMM GFLOP/s as a fraction of the device's fp32 (non-tensor-core)
/// peak, and training-step times of the course's SIGNS conv net and an LSTM at batch 256 against the CPU engine.
/// Prints one "no CUDA device" line where there is none (ILGPU's CPU accelerator is for tests, not timing).
/// </summary>
public sealed class GpuSuite : IBenchSuite
{
    public string Name => "gpu";
    public string Description => "ILGPU/CUDA: float32 GEMM 1024..8192 vs fp32 peak; SIGNS conv net and LSTM training steps (batch 256) vs the CPU engine";

    public void Run(BenchContext context)
    {
        if (!GpuBackend.TryInitialize(out var description) || GpuBackend.Current is not { IsCuda: true } gpu)
        {
            Console.WriteLine($"no CUDA device: GPU section skipped ({description})");
            return;
        }
        Console.WriteLine($"device: {description}");
        double peak = PeakGflops(gpu, out string peakNote);
        Console.WriteLine($"fp32 peak (non-tensor-core): {peak:0} GFLOP/s ({peakNote})");

        var table = new Table("GEMM n", "ms", "GFLOP/s", "of fp32 peak");
        var random = new System.Random(11);
        foreach (int n in new[] { 1024, 2048, 4096, 8192 }.Where(n => context.Selected($"gemm{n}")))
        {
            using var keep = GpuBackend.Scope();
            var a = RandomTensor(random, [n, n]).To(gpu.Device);
            var b = RandomTensor(random, [n, n]).To(gpu.Device);
            var seconds = context.Measure(new Candidate("ours", () =>
            {
                using (GpuBackend.Scope()) a.MatMul(b);
                gpu.Synchronize();
            }));
            double gflops = 2.0 * n * n * (double)n / seconds[0] / 1e9;
            table.Add(n.ToString(), Table.Fixed(seconds[0] * 1e3, "0.00"), Table.Fixed(gflops, "0"), Table.Fixed(100 * gflops / peak, "0.0") + "%");
        }
        table.Print();

        var steps = new Table("training step (batch 256)", "CPU ms", "GPU ms", "speed-up");
        if (context.Selected("signs")) AddStep(context, gpu, steps, "SIGNS conv net", SignsStep(random));
        if (context.Selected("lstm")) AddStep(context, gpu, steps, "LSTM (T=30, n_x=90, n_a=64)", LstmStep(random));
        steps.Print();
    }

    private static void AddStep(BenchContext context, GpuBackend gpu, Table table, string name, Func<Device, Action> make)
    {
        var cpuStep = make(Device.Cpu);
        var gpuStep = make(gpu.Device);
        var seconds = context.Measure(new Candidate("cpu", cpuStep), new Candidate("gpu", () =>
        {
            using (GpuBackend.Scope()) gpuStep();
            gpu.Synchronize();
        }));
        table.Add(name, Table.Fixed(seconds[0] * 1e3, "0.0"), Table.Fixed(seconds[1] * 1e3, "0.00"), Table.Ratio(seconds[0], seconds[1]));
    }

    /// <summary>Forward + backward of the course's SIGNS model: conv 4×4×8 same, relu, maxpool 8; conv 2×2×16 same, relu, maxpool 4; dense 6.</summary>
    private static Func<Device, Action> SignsStep(System.Random random)
    {
        var x = RandomTensor(random, [256, 64, 64, 3]);
        var w1 = RandomTensor(random, [4, 4, 3, 8]);
        var w2 = RandomTensor(random, [2, 2, 8, 16]);
        var wd = RandomTensor(random, [64, 6]);
        var bd = RandomTensor(random, [6]);
        return device =>
        {
            var (dx, d1, d2, dd, db) = (x.To(device), Param(w1, device), Param(w2, device), Param(wd, device), Param(bd, device));
            return () =>
            {
                var a1 = F.MaxPool2D(F.Conv2D(dx, d1, padding: "same").Relu(), 8, 8, "same");
                var a2 = F.MaxPool2D(F.Conv2D(a1, d2, padding: "same").Relu(), 4, 4, "same");
                var logits = a2.Reshape(256, -1).MatMul(dd) + db;
                logits.LogSoftmax(-1).Mean().Backward();
                foreach (var p in new[] { d1, d2, dd, db }) p.Grad = null;
            };
        };
    }

    /// <summary>Forward + backward of F.LstmStates over 30 steps (the course's jazz model sizes): the engine's fused CPU op vs the GPU path.</summary>
    private static Func<Device, Action> LstmStep(System.Random random)
    {
        const int T = 30, nx = 90, na = 64, m = 256;
        var x = RandomTensor(random, [m, T, nx]);
        var k = RandomTensor(random, [nx, 4 * na]);
        var r = RandomTensor(random, [na, 4 * na]);
        var b = RandomTensor(random, [4 * na]);
        return device =>
        {
            var dx = GpuBackend.Keep(x.To(device));
            var (dk, dr, db) = (Param(k, device), Param(r, device), Param(b, device));
            return () =>
            {
                F.LstmStates(dx, dk, dr, db).Mean().Backward();
                foreach (var p in new[] { dk, dr, db }) p.Grad = null;
            };
        };
    }

    private static Tensor Param(Tensor t, Device device) => GpuBackend.Keep(t.To(device).Detach().RequireGrad());

    private static Tensor RandomTensor(System.Random random, int[] shape)
    {
        var data = new float[DeepNotes.Shape.SizeOf(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(random.NextDouble() * 2 - 1) * 0.1f;
        return Tensor.FromArray(data, shape);
    }

    /// <summary>SMs × fp32 lanes per SM × 2 (FMA) × boost clock, lanes from the compute capability.</summary>
    private static double PeakGflops(GpuBackend gpu, out string note)
    {
        var cuda = (CudaAccelerator)gpu.Accelerator;
        int major = cuda.Architecture.Major, minor = cuda.Architecture.Minor;
        int lanes = (major, minor) switch
        {
            (9, _) => 128,          // Hopper
            (8, 0) => 64,           // A100
            (8, _) => 128,          // Ampere consumer, Ada
            (7, _) => 64,           // Volta, Turing
            (6, 1) or (6, 2) => 128,
            (6, _) => 64,
            _ => 128,
        };
        double ghz = cuda.ClockRate / 1e6;   // kHz
        note = $"{cuda.NumMultiprocessors} SMs × {lanes} lanes × 2 × {ghz:0.###} GHz, sm_{major}{minor}";
        return cuda.NumMultiprocessors * lanes * 2.0 * ghz;
    }
}
