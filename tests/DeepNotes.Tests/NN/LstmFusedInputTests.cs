using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

/// <summary>
/// The LSTM forward's input paths: the bias and a one-hot row's kernel row added in the cell's pass, other sparse
/// rows (empty, two non-zeros, values other than 1) added before it, and the skipped step-0 recurrent products of a
/// zero initial state (with NaN still coming out of 0 · ∞ as in the dense product).
/// </summary>
public class LstmFusedInputTests
{
    // Rows: one-hot (value 1), empty, two non-zeros, one non-zero of another value, cycling.
    private static Tensor MixedSparse(System.Random rng, int n, int steps, int f)
    {
        var data = new double[n * steps * f];
        for (int r = 0; r < n * steps; r++)
        {
            switch (r % 4)
            {
                case 0: data[r * f + rng.Next(f)] = 1; break;
                case 1: break;
                case 2: data[r * f + rng.Next(f / 2)] = 1; data[r * f + f / 2 + rng.Next(f - f / 2)] = -0.5; break;
                default: data[r * f + rng.Next(f)] = 1.75; break;
            }
        }
        return Tensor.FromArray(data, n, steps, f);
    }

    private static Tensor[] Inputs(System.Random rng, Tensor x, int u, bool zeroState)
    {
        int n = x.Dims[0], f = x.Dims[2];
        return [x, NNCheck.Rand(rng, f, 4 * u), NNCheck.Rand(rng, u, 4 * u), NNCheck.Rand(rng, 4 * u),
            zeroState ? Tensor.Zeros([n, u]) : NNCheck.Rand(rng, n, u), zeroState ? Tensor.Zeros([n, u]) : NNCheck.Rand(rng, n, u)];
    }

    private static Tensor AllOutputs(Tensor[] t)
    {
        var (seq, h, c) = F.Lstm(t[0], t[1], t[2], t[3], t[4], t[5]);
        return seq.Sum(1) * 0.5 + h * c + c;
    }

    [Theory]
    [InlineData(9, 4, 12, 3, false)] // two uneven parts, mixed sparse rows
    [InlineData(9, 4, 12, 3, true)]  // zero initial states that want gradients (step 0's products skipped)
    [InlineData(1, 1, 8, 2, true)]   // batch 1, one step
    [InlineData(5, 3, 9, 17, true)]  // units over a float vector
    public void MixedSparseRowsGradients(int n, int steps, int f, int u, bool zeroState)
    {
        var rng = new System.Random(100 + n + u);
        NNCheck.Gradients(AllOutputs, Inputs(rng, MixedSparse(rng, n, steps, f), u, zeroState));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DefaultInitialStateGradients(bool oneHot)
    {
        // No initial state given: zeros that want no gradient (no dh0 product at step 0).
        var rng = new System.Random(110);
        int n = 6, steps = 3, f = 10, u = 4;
        var x = oneHot ? MixedSparse(rng, n, steps, f) : NNCheck.Rand(rng, n, steps, f);
        NNCheck.Gradients(t => F.Lstm(t[0], t[1], t[2], t[3]).Sequence,
            [x, NNCheck.Rand(rng, f, 4 * u), NNCheck.Rand(rng, u, 4 * u), NNCheck.Rand(rng, 4 * u)]);
    }

    [Theory]
    [InlineData(9, 5, 12, 33)] // two vectors and a tail of 1
    [InlineData(1, 2, 7, 5)]   // batch 1, units below a vector
    [InlineData(64, 3, 90, 64)] // the jazz shape
    public void Float32MatchesFloat64WithSparseRowsAndZeroStart(int n, int steps, int f, int u)
    {
        var rng = new System.Random(120 + u);
        var t64 = Inputs(rng, MixedSparse(rng, n, steps, f), u, zeroState: true);
        t64[0] = t64[0].Detach();
        var t32 = t64.Select(a => a.AsType(DType.Float32)).ToArray();
        foreach (var a in t64.Concat(t32).Skip(1)) a.RequiresGrad = true;
        t64[0].RequiresGrad = t32[0].RequiresGrad = true;
        var w = NNCheck.Rand(new System.Random(3), n, steps, u);
        var (s64, _, c64) = F.Lstm(t64[0], t64[1], t64[2], t64[3], t64[4], t64[5]);
        var (s32, _, c32) = F.Lstm(t32[0], t32[1], t32[2], t32[3], t32[4], t32[5]);
        ((s64 * w).Sum() + c64.Sum()).Backward();
        ((s32 * w.AsType(DType.Float32)).Sum() + c32.Sum()).Backward();
        NNCheck.Close(s64.ToArray(), s32.ToArray(), 2e-5);
        NNCheck.Close(c64.ToArray(), c32.ToArray(), 2e-5);
        for (int i = 0; i < t64.Length; i++)
            NNCheck.Close(t64[i].Grad!.ToArray(), t32[i].Grad!.AsType(DType.Float64).ToArray(), 1e-4);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void ZeroStartKeepsNaNFromAnInfiniteRecurrentKernel(DType dt)
    {
        // h0 = 0 but R[0, 0] = ∞: the dense product gives 0 · ∞ = NaN in unit 0's input gate at step 0.
        var rng = new System.Random(130);
        int n = 5, steps = 2, f = 6, u = 3;
        var t = Inputs(rng, MixedSparse(rng, n, steps, f), u, zeroState: true).Select(a => a.AsType(dt)).ToArray();
        t[2].SetValue(double.PositiveInfinity, 0, 0);
        using var _ = Tensor.NoGrad();
        var seq = F.Lstm(t[0], t[1], t[2], t[3], t[4], t[5]).Sequence;
        for (int b = 0; b < n; b++) Assert.True(double.IsNaN(seq.GetValue(b, 0, 0)), $"sequence {b}");
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void ZeroStartKeepsNaNFromAnInfiniteStepZeroGradient(DType dt)
    {
        // An infinite gradient reaching step 0 only: dR's step-0 term h0ᵀ·dz is 0 · ∞ = NaN in the dense product.
        var rng = new System.Random(140);
        int n = 4, steps = 3, f = 6, u = 2;
        var t = Inputs(rng, MixedSparse(rng, n, steps, f), u, zeroState: true).Select(a => a.AsType(dt)).ToArray();
        t[2].RequiresGrad = true;
        var w = Tensor.Ones([n, steps, u], dt);
        w.SetValue(double.PositiveInfinity, 1, 0, 0);
        (F.Lstm(t[0], t[1], t[2], t[3], t[4], t[5]).Sequence * w).Sum().Backward();
        Assert.Contains(t[2].Grad!.ToArray(), double.IsNaN);
    }
}
