using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

/// <summary>
/// The fused LSTM kernel's paths: the batch split across threads (uneven parts, batch 1), the AVX-512 float cell
/// (full vectors and a tail), one-hot inputs in compressed rows, the split sequence / c_T results, no-grad scratch,
/// and the small recurrent GEMM.
/// </summary>
public class RecurrentKernelPathTests
{
    private static Tensor OneHot(System.Random rng, int n, int steps, int f, double value = 1)
    {
        var data = new double[n * steps * f];
        for (int r = 0; r < n * steps; r++) data[r * f + rng.Next(f)] = value;
        return Tensor.FromArray(data, n, steps, f);
    }

    private static Tensor[] LstmInputs(System.Random rng, Tensor x, int u)
    {
        int n = x.Dims[0], f = x.Dims[2];
        return [x, NNCheck.Rand(rng, f, 4 * u), NNCheck.Rand(rng, u, 4 * u), NNCheck.Rand(rng, 4 * u), NNCheck.Rand(rng, n, u), NNCheck.Rand(rng, n, u)];
    }

    // A loss through the sequence, h_T and c_T at once (return_sequences and return_state).
    private static Tensor AllOutputs(Tensor[] t)
    {
        var (seq, h, c) = F.Lstm(t[0], t[1], t[2], t[3], t[4], t[5]);
        return seq.Sum(1) * 0.5 + h * c + c;
    }

    [Theory]
    [InlineData(9, 3, 5, 3)]   // two uneven parts (4 and 5 sequences), units below a vector
    [InlineData(1, 4, 3, 2)]   // batch 1
    [InlineData(8, 2, 4, 17)]  // two parts, units over a float vector
    public void LstmGradientsAcrossBatchSplits(int n, int steps, int f, int u)
    {
        var rng = new System.Random(20 + n);
        NNCheck.Gradients(AllOutputs, LstmInputs(rng, NNCheck.Rand(rng, n, steps, f), u));
    }

    [Fact]
    public void PackedStatesGradientsAcrossBatchSplits()
    {
        var rng = new System.Random(30);
        var t = LstmInputs(rng, NNCheck.Rand(rng, 10, 3, 3), 3);
        NNCheck.Gradients(a => F.LstmStates(a[0], a[1], a[2], a[3], a[4], a[5]), t);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void OneHotInputGradients(double value)
    {
        // Mostly-zero x takes the compressed-row projection and kernel gradient.
        var rng = new System.Random(31);
        NNCheck.Gradients(AllOutputs, LstmInputs(rng, OneHot(rng, 9, 4, 11, value), 3));
    }

    [Fact]
    public void CompressedAndDenseInputsAgree()
    {
        // x one-hot (compressed rows) against x + 0.5 everywhere (the GEMM path) with 0.5·Σ_j K[j, :] taken out of the
        // bias: the same pre-activations, so the same sequence and recurrent-kernel gradient.
        var rng = new System.Random(32);
        int n = 8, steps = 3, f = 12, u = 4;
        var x = OneHot(rng, n, steps, f);
        var t = LstmInputs(rng, x, u);
        var r1 = t[2].Copy().RequireGrad();
        var r2 = t[2].Copy().RequireGrad();
        var sparse = F.Lstm(x, t[1], r1, t[3], t[4], t[5]).Sequence;
        var shiftedBias = (t[3] - t[1].Sum(0) * 0.5).Detach();
        var dense = F.Lstm(x + Tensor.Full([n, steps, f], 0.5), t[1], r2, shiftedBias, t[4], t[5]).Sequence;
        NNCheck.Close(sparse.ToArray(), dense.ToArray(), 1e-12);
        sparse.Sum().Backward();
        dense.Sum().Backward();
        NNCheck.Close(r1.Grad!.ToArray(), r2.Grad!.ToArray(), 1e-10);
    }

    [Fact]
    public void NonFiniteKernelPropagatesLikeTheDenseProduct()
    {
        // 0 · ∞ is NaN in the dense product: with K[0, 0] = ∞ and x[·, 0] always 0, unit 0 of the input gate is NaN
        // at step 0 for every sequence, and the NaN reaches every unit from step 1 on through the recurrent product.
        // Skipping x's zeros would give finite values instead.
        var rng = new System.Random(33);
        int n = 4, steps = 2, f = 6, u = 2;
        var data = new double[n * steps * f];
        for (int r = 0; r < n * steps; r++) data[r * f + 1 + rng.Next(f - 1)] = 1;
        var x = Tensor.FromArray(data, n, steps, f);
        var t = LstmInputs(rng, x, u);
        var k = t[1].Copy();
        k.SetValue(double.PositiveInfinity, 0, 0);
        using var _ = Tensor.NoGrad();
        var seq = F.Lstm(x, k, t[2], t[3], t[4], t[5]).Sequence;
        for (int b = 0; b < n; b++)
        {
            Assert.True(double.IsNaN(seq.GetValue(b, 0, 0)));
            for (int j = 0; j < u; j++) Assert.True(double.IsNaN(seq.GetValue(b, 1, j)));
        }
    }

    [Theory]
    [InlineData(9, 5, 7, 33)]  // float vectors of 16 twice plus a tail, two parts
    [InlineData(1, 3, 4, 16)]  // batch 1, exactly one vector
    [InlineData(12, 4, 90, 64)] // the jazz shape, one-hot
    public void Float32MatchesFloat64ForwardAndBackward(int n, int steps, int f, int u)
    {
        var rng = new System.Random(40 + u);
        var x = f == 90 ? OneHot(rng, n, steps, f) : NNCheck.Rand(rng, n, steps, f);
        var t64 = LstmInputs(rng, x, u);
        var t32 = t64.Select(a => a.AsType(DType.Float32)).ToArray();
        foreach (var a in t64.Concat(t32)) a.RequiresGrad = true;
        var w = NNCheck.Rand(new System.Random(1), n, steps, u);
        var (s64, h64, c64) = F.Lstm(t64[0], t64[1], t64[2], t64[3], t64[4], t64[5]);
        var (s32, h32, c32) = F.Lstm(t32[0], t32[1], t32[2], t32[3], t32[4], t32[5]);
        ((s64 * w).Sum() + (h64 * c64).Sum()).Backward();
        ((s32 * w.AsType(DType.Float32)).Sum() + (h32 * c32).Sum()).Backward();
        NNCheck.Close(s64.ToArray(), s32.ToArray(), 2e-5);
        NNCheck.Close(c64.ToArray(), c32.ToArray(), 2e-5);
        for (int i = 0; i < t64.Length; i++)
            NNCheck.Close(t64[i].Grad!.ToArray(), t32[i].Grad!.AsType(DType.Float64).ToArray(), 1e-4);
    }

    [Fact]
    public void NoGradForwardMatchesTheRecordedOne()
    {
        var rng = new System.Random(50);
        var t = LstmInputs(rng, NNCheck.Rand(rng, 9, 4, 3), 5);
        foreach (var a in t) a.RequiresGrad = true;
        var recorded = F.Lstm(t[0], t[1], t[2], t[3], t[4], t[5]);
        double[] seq, c;
        using (Tensor.NoGrad())
        {
            var plain = F.Lstm(t[0], t[1], t[2], t[3], t[4], t[5]);
            Assert.False(plain.Sequence.RequiresGrad);
            seq = plain.Sequence.ToArray();
            c = plain.C.ToArray();
            // Pooled scratch goes back after each no-grad call: a second call must not see stale state.
            NNCheck.Close(seq, F.Lstm(t[0], t[1], t[2], t[3], t[4], t[5]).Sequence.ToArray(), 0);
        }
        Assert.Equal(recorded.Sequence.ToArray(), seq);
        Assert.Equal(recorded.C.ToArray(), c);
        // The recorded graph still back-propagates twice (saved state is never pooled).
        recorded.C.Sum().Backward();
        var first = t[2].Grad!.ToArray();
        t[2].Grad = null;
        recorded.C.Sum().Backward();
        NNCheck.Close(first, t[2].Grad!.ToArray(), 0);
    }

    [Theory]
    [InlineData(9, 3, 4, 3, false)]  // two uneven parts
    [InlineData(1, 3, 2, 17, false)] // batch 1
    [InlineData(8, 3, 10, 3, true)]  // one-hot x: compressed rows
    public void GruAndSimpleRnnGradientsAcrossBatchSplits(int n, int steps, int f, int u, bool oneHot)
    {
        var rng = new System.Random(60 + n);
        var x = oneHot ? OneHot(rng, n, steps, f) : NNCheck.Rand(rng, n, steps, f);
        var x2 = x.Copy(); // a separate leaf for the second check
        NNCheck.Gradients(t => F.Gru(t[0], t[1], t[2], t[3], t[4]),
            [x, NNCheck.Rand(rng, f, 3 * u), NNCheck.Rand(rng, u, 3 * u), NNCheck.Rand(rng, 3 * u), NNCheck.Rand(rng, n, u)]);
        NNCheck.Gradients(t => F.SimpleRnn(t[0], t[1], t[2], t[3], t[4]),
            [x2, NNCheck.Rand(rng, f, u), NNCheck.Rand(rng, u, u), NNCheck.Rand(rng, u), NNCheck.Rand(rng, n, u)]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GruAndSimpleRnnFloat32MatchFloat64(bool gru)
    {
        var rng = new System.Random(70);
        int n = 9, steps = 4, f = 20, u = 18, g = gru ? 3 : 1;
        var t64 = new[] { OneHot(rng, n, steps, f), NNCheck.Rand(rng, f, g * u), NNCheck.Rand(rng, u, g * u), NNCheck.Rand(rng, g * u), NNCheck.Rand(rng, n, u) };
        var t32 = t64.Select(a => a.AsType(DType.Float32)).ToArray();
        foreach (var a in t64.Concat(t32)) a.RequiresGrad = true;
        Tensor Run(Tensor[] t) => gru ? F.Gru(t[0], t[1], t[2], t[3], t[4]) : F.SimpleRnn(t[0], t[1], t[2], t[3], t[4]);
        var w = NNCheck.Rand(new System.Random(2), n, steps, u);
        var y64 = Run(t64);
        var y32 = Run(t32);
        (y64 * w).Sum().Backward();
        (y32 * w.AsType(DType.Float32)).Sum().Backward();
        NNCheck.Close(y64.ToArray(), y32.ToArray(), 2e-5);
        for (int i = 0; i < t64.Length; i++)
            NNCheck.Close(t64[i].Grad!.ToArray(), t32[i].Grad!.AsType(DType.Float64).ToArray(), 1e-4);
        using var _ = Tensor.NoGrad();
        Assert.Equal(y64.ToArray(), Run(t64).ToArray()); // the pooled no-grad run gives the recorded values
    }

    [Fact]
    public void RecycledSavedStateNeverReachesALiveGraph()
    {
        // Kernels hand their saved steps back to a pool from their finalizers: a graph that is still reachable must
        // keep its own, however many other graphs are collected and recycled meanwhile.
        var rng = new System.Random(80);
        var t = LstmInputs(rng, NNCheck.Rand(rng, 9, 5, 4), 17).Select(a => a.AsType(DType.Float32).RequireGrad()).ToArray();
        var (seq, _, c) = F.Lstm(t[0], t[1], t[2], t[3], t[4], t[5]);
        var loss = seq.Sum() + c.Sum();
        loss.Backward();
        var first = t.Select(a => a.Grad!.ToArray()).ToArray();
        for (int round = 0; round < 6; round++)
        {
            RunAndDrop(rng, t[0].Dims[0]);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        foreach (var a in t) a.Grad = null;
        loss.Backward();
        for (int i = 0; i < t.Length; i++) Assert.Equal(first[i], t[i].Grad!.ToArray());
    }

    // Other graphs of the same shapes, trained and dropped (their saved steps go back to the pool once collected).
    private static void RunAndDrop(System.Random rng, int n)
    {
        var o = LstmInputs(rng, NNCheck.Rand(rng, n, 5, 4), 17).Select(a => a.AsType(DType.Float32).RequireGrad()).ToArray();
        var (s, _, c) = F.Lstm(o[0], o[1], o[2], o[3], o[4], o[5]);
        (s.Sum() + c.Sum()).Backward();
        using var _ = Tensor.NoGrad();
        F.Gru(o[0], NNCheck.Rand(rng, 4, 51).AsType(DType.Float32), NNCheck.Rand(rng, 17, 51).AsType(DType.Float32));
    }

    [Theory]
    [InlineData(5, 37, 7, false)]
    [InlineData(9, 64, 33, true)]
    [InlineData(4, 16, 1, false)]
    public void RecurrentGemmMatchesPlainLoops(int m, int n, int k, bool transposedA)
    {
        Check<float>(m, n, k, transposedA, 1e-5);
        Check<double>(m, n, k, transposedA, 1e-12);
    }

    private static void Check<T>(int m, int n, int k, bool transposedA, double tol) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new System.Random(m * 100 + n);
        T R() => T.CreateChecked(rng.NextDouble() * 2 - 1);
        int lda = transposedA ? m + 3 : k + 2, ldb = n + 5, ldc = n + 1;
        var a = Enumerable.Range(0, (transposedA ? k : m) * lda).Select(_ => R()).ToArray();
        var b = Enumerable.Range(0, k * ldb).Select(_ => R()).ToArray();
        var c = Enumerable.Range(0, m * ldc).Select(_ => R()).ToArray();
        foreach (bool accumulate in new[] { false, true })
        {
            var got = (T[])c.Clone();
            RecurrentGemm.Multiply<T>(m, n, k, a, transposedA ? 1 : lda, transposedA ? lda : 1, b, ldb, got, ldc, accumulate);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < ldc; j++)
                {
                    double expected = double.CreateChecked(c[i * ldc + j]);
                    if (j < n)
                    {
                        double s = accumulate ? expected : 0;
                        for (int p = 0; p < k; p++)
                            s += double.CreateChecked(transposedA ? a[p * lda + i] : a[i * lda + p]) * double.CreateChecked(b[p * ldb + j]);
                        expected = s;
                    }
                    Assert.True(Math.Abs(expected - double.CreateChecked(got[i * ldc + j])) <= tol * (1 + Math.Abs(expected)),
                        $"{typeof(T).Name} ({i}, {j}) accumulate={accumulate}: expected {expected}, got {got[i * ldc + j]}");
                }
        }
    }
}
