using DeepNotes.Bench.Anchors;
using DeepNotes.Bench.Harness;
using DeepNotes.Kernels;
using TorchSharp;

namespace DeepNotes.Bench.Suites;

/// <summary>float32 GEMM: square sizes and the course's model shapes, ours vs OpenBLAS vs libtorch.</summary>
public sealed class GemmSuite : IBenchSuite
{
    public string Name => "gemm";
    public string Description => "float32 matmul GFLOP/s: squares 256–2048 and the course's shapes, vs OpenBLAS and libtorch";

    /// <summary>C (m×n) = op(A) · op(B); a transposed operand is stored as its transpose and read as a view.</summary>
    private sealed record Case(string Label, int M, int N, int K, bool TransA = false, bool TransB = false);

    private static readonly Case[] Cases =
    [
        new("square 256", 256, 256, 256),
        new("square 512", 512, 512, 512),
        new("square 1024", 1024, 1024, 1024),
        new("square 2048", 2048, 2048, 2048),
        new("Z1 = W1·X (20×12288 @ 12288×209)", 20, 209, 12288),
        new("Z2 = W2·A1 (7×20 @ 20×209)", 7, 209, 20),
        new("dW1 = dZ1·Xᵀ (20×209 @ 209×12288)", 20, 12288, 209, TransB: true),
        new("dA0 = W1ᵀ·dZ1 (12288×20 @ 20×209)", 12288, 209, 20, TransA: true),
        new("dW2 = dZ2·A1ᵀ (7×209 @ 209×20)", 7, 20, 209, TransB: true),
        // The same first layer in the Keras layout (examples × features) that Dense and the models suite use.
        new("Dense fwd x·W (209×12288 @ 12288×20)", 209, 20, 12288),
        new("Dense dWᵀ = dzᵀ·x (20×209 @ 209×12288)", 20, 12288, 209, TransA: true),
        // The jazz LSTM's Dense(90) head over 64 sequences × 30 steps.
        new("jazz head h·W (1920×64 @ 64×90)", 1920, 90, 64),
        new("jazz head dW = hᵀ·dz (64×1920 @ 1920×90)", 64, 90, 1920, TransA: true),
        new("jazz head dh = dz·Wᵀ (1920×90 @ 90×64)", 1920, 64, 90, TransB: true),
    ];

    public void Run(BenchContext context)
    {
        var table = new Table("case", "ours GF/s", "OpenBLAS", "libtorch", "ours/BLAS", "ours/torch", "ours %peak", "ours ms", "max rel err");
        var random = new Random(42);
        foreach (var c in Cases.Where(c => context.Selected(c.Label)))
        {
            float[] a = RandomArray(random, c.M * c.K), b = RandomArray(random, c.K * c.N);
            float[] ours = new float[c.M * c.N], blas = new float[c.M * c.N];
            int lda = c.TransA ? c.M : c.K, ldb = c.TransB ? c.K : c.N;
            using var ta = TorchAnchor.FromArray(a, c.TransA ? [c.K, c.M] : [c.M, c.K]);
            using var tb = TorchAnchor.FromArray(b, c.TransB ? [c.N, c.K] : [c.K, c.N]);
            using var va = c.TransA ? ta.t() : ta.alias();
            using var vb = c.TransB ? tb.t() : tb.alias();
            var openBlas = context.OpenBlas;
            var seconds = context.Measure(
                new Candidate("ours", () => Gemm.Multiply<float>(c.TransA, c.TransB, c.M, c.N, c.K, a, lda, b, ldb, ours, c.N)),
                openBlas is null ? null : new Candidate("OpenBLAS", () => openBlas.Sgemm(c.TransA, c.TransB, c.M, c.N, c.K, a, lda, b, ldb, blas, c.N)),
                context.Torch is null ? null : new Candidate("libtorch", () => { using var r = torch.matmul(va, vb); }));
            double flops = 2.0 * c.M * c.N * c.K;
            double g0 = flops / seconds[0] / 1e9, g1 = flops / seconds[1] / 1e9, g2 = flops / seconds[2] / 1e9;
            table.Add(c.Label, Table.Fixed(g0), Table.Fixed(g1), Table.Fixed(g2), Table.Ratio(g0, g1), Table.Ratio(g0, g2),
                Table.Fixed(100 * g0 / context.Machine.PeakGflops, "0") + "%", Table.Fixed(seconds[0] * 1e3, "0.000"),
                openBlas is null ? "n/a" : Table.Fixed(MaxRelativeError(ours, blas), "0.0e0"));
        }
        table.Print();
        Console.WriteLine("ours = DeepNotes.Kernels.Gemm.Multiply<float> (what Tensor.MatMul calls) into a preallocated C; OpenBLAS = cblas_sgemm into a preallocated C;");
        Console.WriteLine("libtorch = torch.matmul (allocates its result); transposed operands are views in all three. Ratios > 1 mean ours is faster.");
    }

    private static float[] RandomArray(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }

    private static double MaxRelativeError(float[] x, float[] reference)
    {
        double scale = 1e-30, worst = 0;
        foreach (var v in reference) scale = Math.Max(scale, Math.Abs(v));
        for (int i = 0; i < x.Length; i++) worst = Math.Max(worst, Math.Abs(x[i] - reference[i]));
        return worst / scale;
    }
}
