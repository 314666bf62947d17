using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>
/// A whole LSTM sequence as one fused op with a hand-written backward through time (Keras's equations and
/// weight layout, gates ordered i, f, c, o in kernel (F, 4U), recurrent kernel (U, 4U) and bias (4U)):
/// i = σ(x Wi + h Ri + bi), f = σ(·), c̃ = tanh(·), o = σ(·), c = f ⊙ c₋₁ + i ⊙ c̃, h = o ⊙ tanh(c).
/// In the course's notation Γu = i, Γf = f, Γo = o, a = h.
/// </summary>
internal sealed class RecurrentLstmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int n, steps, f, u;
    private readonly T[] xTm;     // (T, N, F)
    private readonly T[] gates;   // (T, N, 4U) activated i, f, c̃, o
    private readonly T[] states;  // (T + 1, N, 2U) h then c; block 0 holds the initial states

    public RecurrentLstmKernel(int n, int steps, int f, int u)
    {
        this.n = n;
        this.steps = steps;
        this.f = f;
        this.u = u;
        xTm = GC.AllocateUninitializedArray<T>(steps * n * f);
        gates = GC.AllocateUninitializedArray<T>(steps * n * 4 * u);
        states = GC.AllocateUninitializedArray<T>((steps + 1) * n * 2 * u);
    }

    /// <summary>Runs the sequence and writes output (N, T, 2U): h_t in [0, U), c_t in [U, 2U).</summary>
    public void Forward(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrent, ReadOnlySpan<T> bias,
        ReadOnlySpan<T> h0, ReadOnlySpan<T> c0, Span<T> output)
    {
        int g4 = 4 * u, s2 = 2 * u;
        RecurrentKernelCommon.ToTimeMajor(n, steps, f, x, xTm);
        RecurrentKernelCommon.ProjectInputs(steps * n, f, g4, xTm, kernel, bias, gates);
        for (int b = 0; b < n; b++)
        {
            h0.Slice(b * u, u).CopyTo(states.AsSpan(b * s2, u));
            c0.Slice(b * u, u).CopyTo(states.AsSpan(b * s2 + u, u));
        }
        for (int t = 0; t < steps; t++)
        {
            var z = gates.AsSpan(t * n * g4, n * g4);
            Gemm.Multiply<T>(false, false, n, g4, u, states.AsSpan(t * n * s2, n * s2), s2, recurrent, g4, z, g4, accumulate: true);
            for (int b = 0; b < n; b++)
            {
                var row = z.Slice(b * g4, g4);
                FloatExp.Sigmoid<T>(row.Slice(0, 2 * u), row.Slice(0, 2 * u));
                FloatExp.Tanh<T>(row.Slice(2 * u, u), row.Slice(2 * u, u));
                FloatExp.Sigmoid<T>(row.Slice(3 * u, u), row.Slice(3 * u, u));
                ReadOnlySpan<T> cPrev = states.AsSpan((t * n + b) * s2 + u, u);
                var h = states.AsSpan(((t + 1) * n + b) * s2, u);
                var c = states.AsSpan(((t + 1) * n + b) * s2 + u, u);
                TensorPrimitives.Multiply<T>(row.Slice(u, u), cPrev, c);
                TensorPrimitives.MultiplyAdd<T>(row.Slice(0, u), row.Slice(2 * u, u), c, c);
                FloatExp.Tanh<T>(c, h);
                TensorPrimitives.Multiply<T>(h, row.Slice(3 * u, u), h);
            }
        }
        RecurrentKernelCommon.ToBatchFirst<T>(n, steps, s2, 0, s2, states.AsSpan(n * s2), output);
    }

    /// <summary>Back-propagates dOutput (N, T, 2U) through time; writes the gradients whose want flag is set.</summary>
    public void Backward(ReadOnlySpan<T> dOutput, ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrent,
        Span<T> dx, Span<T> dKernel, Span<T> dRecurrent, Span<T> dBias, Span<T> dh0, Span<T> dc0,
        bool wantX, bool wantKernel, bool wantRecurrent, bool wantBias)
    {
        int g4 = 4 * u, s2 = 2 * u;
        var dOut = ArrayPool<T>.Shared.Rent(steps * n * s2); // backward-only scratch: pooled
        RecurrentKernelCommon.ToTimeMajor(n, steps, s2, dOutput, dOut);
        var dG = ArrayPool<T>.Shared.Rent(steps * n * g4);
        var dhNext = new T[n * u];
        var dcNext = new T[n * u];
        var rt = RecurrentKernelCommon.Transpose(recurrent, u, g4);
        var dhBuf = new T[u];
        var dcBuf = new T[u];
        var tc = new T[u];
        for (int t = steps - 1; t >= 0; t--)
        {
            for (int b = 0; b < n; b++)
            {
                var row = gates.AsSpan((t * n + b) * g4, g4);
                var dz = dG.AsSpan((t * n + b) * g4, g4);
                var c = states.AsSpan(((t + 1) * n + b) * s2 + u, u);
                ReadOnlySpan<T> cPrev = states.AsSpan((t * n + b) * s2 + u, u);
                var dOutRow = dOut.AsSpan((t * n + b) * s2, s2);
                TensorPrimitives.Add<T>(dOutRow.Slice(0, u), dhNext.AsSpan(b * u, u), dhBuf);
                TensorPrimitives.Add<T>(dOutRow.Slice(u, u), dcNext.AsSpan(b * u, u), dcBuf);
                FloatExp.Tanh<T>(c, tc);
                var dcn = dcNext.AsSpan(b * u, u);
                for (int j = 0; j < u; j++)
                {
                    T i = row[j], fg = row[u + j], gg = row[2 * u + j], o = row[3 * u + j];
                    T th = tc[j], dhj = dhBuf[j];
                    T dc = dcBuf[j] + dhj * o * (T.One - th * th);
                    dz[j] = dc * gg * i * (T.One - i);
                    dz[u + j] = dc * cPrev[j] * fg * (T.One - fg);
                    dz[2 * u + j] = dc * i * (T.One - gg * gg);
                    dz[3 * u + j] = dhj * th * o * (T.One - o);
                    dcn[j] = dc * fg;
                }
            }
            // dh₋₁ = dz @ Rᵀ for every sequence at once.
            Gemm.Multiply<T>(false, false, n, u, g4, dG.AsSpan(t * n * g4, n * g4), g4, rt, u, dhNext, u);
        }
        dhNext.CopyTo(dh0);
        dcNext.CopyTo(dc0);
        // h₋₁ for every step are the h columns of state blocks 0..T−1: one GEMM over all steps.
        if (wantRecurrent)
            Gemm.Multiply<T>(true, false, u, g4, steps * n, states.AsSpan(0, steps * n * s2), s2, dG, g4, dRecurrent, g4);
        RecurrentKernelCommon.InputGradients<T>(n, steps, f, g4, xTm, kernel, dG, dx, dKernel, dBias, wantX, wantKernel, wantBias);
        ArrayPool<T>.Shared.Return(dOut);
        ArrayPool<T>.Shared.Return(dG);
    }
}
