using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>
/// A whole GRU sequence as one fused op with a hand-written backward, using the course's equations
/// (the reset gate applied before the recurrent product, like Keras's reset_after=False):
/// Γu = σ(x Wu + h₋₁ Ru + bu), Γr = σ(x Wr + h₋₁ Rr + br), c̃ = tanh(x Wc + (Γr ⊙ h₋₁) Rc + bc),
/// h = Γu ⊙ c̃ + (1 − Γu) ⊙ h₋₁. Gates ordered u, r, c in kernel (F, 3U), recurrent kernel (U, 3U), bias (3U).
/// Keras's z gate is 1 − Γu.
/// </summary>
internal sealed class RecurrentGruKernel<T> : IRecurrentKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int n, steps, f, u;
    private readonly T[] xTm;     // (T, N, F)
    private readonly T[] gates;   // (T, N, 3U) activated Γu, Γr, c̃
    private readonly T[] states;  // (T + 1, N, U) h; block 0 holds the initial state
    private readonly T[] resetH;  // (T, N, U) Γr ⊙ h₋₁

    public RecurrentGruKernel(int n, int steps, int f, int u)
    {
        this.n = n;
        this.steps = steps;
        this.f = f;
        this.u = u;
        xTm = GC.AllocateUninitializedArray<T>(steps * n * f);
        gates = GC.AllocateUninitializedArray<T>(steps * n * 3 * u);
        states = GC.AllocateUninitializedArray<T>((steps + 1) * n * u);
        resetH = GC.AllocateUninitializedArray<T>(steps * n * u);
    }

    /// <summary>Runs the sequence and writes output (N, T, U) = h_t.</summary>
    public void Forward(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrent, ReadOnlySpan<T> bias, ReadOnlySpan<T> h0, Span<T> output)
    {
        int g3 = 3 * u;
        RecurrentKernelCommon.ToTimeMajor(n, steps, f, x, xTm);
        RecurrentKernelCommon.ProjectInputs(steps * n, f, g3, xTm, kernel, bias, gates);
        h0.CopyTo(states);
        for (int t = 0; t < steps; t++)
        {
            var z = gates.AsSpan(t * n * g3, n * g3);
            ReadOnlySpan<T> hPrev = states.AsSpan(t * n * u, n * u);
            var rh = resetH.AsSpan(t * n * u, n * u);
            Gemm.Multiply<T>(false, false, n, 2 * u, u, hPrev, u, recurrent, g3, z, g3, accumulate: true);
            for (int b = 0; b < n; b++)
            {
                var row = z.Slice(b * g3, 2 * u);
                TensorPrimitives.Sigmoid<T>(row, row);
                TensorPrimitives.Multiply<T>(row.Slice(u, u), hPrev.Slice(b * u, u), rh.Slice(b * u, u));
            }
            Gemm.Multiply<T>(false, false, n, u, u, rh, u, recurrent.Slice(2 * u), g3, z.Slice(2 * u), g3, accumulate: true);
            var h = states.AsSpan((t + 1) * n * u, n * u);
            for (int b = 0; b < n; b++)
            {
                var row = z.Slice(b * g3, g3);
                var cand = row.Slice(2 * u, u);
                FloatExp.Tanh<T>(cand, cand);
                var hb = h.Slice(b * u, u);
                var hp = hPrev.Slice(b * u, u);
                TensorPrimitives.Subtract<T>(cand, hp, hb);
                TensorPrimitives.MultiplyAdd<T>(hb, row.Slice(0, u), hp, hb);
            }
        }
        RecurrentKernelCommon.ToBatchFirst<T>(n, steps, u, 0, u, states.AsSpan(n * u), output);
    }

    /// <summary>Back-propagates dOutput (N, T, U) through time; writes the gradients whose want flag is set.</summary>
    public void Backward(ReadOnlySpan<T> dOutput, ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrent,
        Span<T> dx, Span<T> dKernel, Span<T> dRecurrent, Span<T> dBias, Span<T> dh0,
        bool wantX, bool wantKernel, bool wantRecurrent, bool wantBias)
    {
        int g3 = 3 * u;
        var dOut = ArrayPool<T>.Shared.Rent(steps * n * u); // backward-only scratch: pooled
        RecurrentKernelCommon.ToTimeMajor(n, steps, u, dOutput, dOut);
        var dG = ArrayPool<T>.Shared.Rent(steps * n * g3);
        var dhNext = new T[n * u];
        var dRh = new T[n * u];
        var rt = RecurrentKernelCommon.Transpose(recurrent, u, g3); // (3U, U): rows [0, 2U) = R_urᵀ, [2U, 3U) = R_cᵀ
        for (int t = steps - 1; t >= 0; t--)
        {
            ReadOnlySpan<T> hPrev = states.AsSpan(t * n * u, n * u);
            for (int b = 0; b < n; b++)
            {
                var row = gates.AsSpan((t * n + b) * g3, g3);
                var dz = dG.AsSpan((t * n + b) * g3, g3);
                var dOutRow = dOut.AsSpan((t * n + b) * u, u);
                var dhn = dhNext.AsSpan(b * u, u);
                var hp = hPrev.Slice(b * u, u);
                for (int j = 0; j < u; j++)
                {
                    T gu = row[j], cand = row[2 * u + j];
                    T dh = dOutRow[j] + dhn[j];
                    dz[j] = dh * (cand - hp[j]) * gu * (T.One - gu);
                    dz[2 * u + j] = dh * gu * (T.One - cand * cand);
                    dhn[j] = dh * (T.One - gu);
                }
            }
            var dGt = dG.AsSpan(t * n * g3, n * g3);
            Gemm.Multiply<T>(false, false, n, u, u, dGt.Slice(2 * u), g3, rt.AsSpan(2 * u * u), u, dRh, u);
            for (int b = 0; b < n; b++)
            {
                var row = gates.AsSpan((t * n + b) * g3, g3);
                var dz = dG.AsSpan((t * n + b) * g3, g3);
                var dhn = dhNext.AsSpan(b * u, u);
                var hp = hPrev.Slice(b * u, u);
                var drh = dRh.AsSpan(b * u, u);
                for (int j = 0; j < u; j++)
                {
                    T r = row[u + j];
                    dz[u + j] = drh[j] * hp[j] * r * (T.One - r);
                    dhn[j] += drh[j] * r;
                }
            }
            Gemm.Multiply<T>(false, false, n, u, 2 * u, dGt, g3, rt, u, dhNext, u, accumulate: true);
        }
        dhNext.CopyTo(dh0);
        if (wantRecurrent)
        {
            // One GEMM per gate group over all steps: h₋₁ (state blocks 0..T−1) for u, r and Γr ⊙ h₋₁ for c.
            Gemm.Multiply<T>(true, false, u, 2 * u, steps * n, states.AsSpan(0, steps * n * u), u, dG, g3, dRecurrent, g3);
            Gemm.Multiply<T>(true, false, u, u, steps * n, resetH, u, dG.AsSpan(2 * u), g3, dRecurrent.Slice(2 * u), g3);
        }
        RecurrentKernelCommon.InputGradients<T>(n, steps, f, g3, xTm, kernel, dG, dx, dKernel, dBias, wantX, wantKernel, wantBias);
        ArrayPool<T>.Shared.Return(dOut);
        ArrayPool<T>.Shared.Return(dG);
    }
}
