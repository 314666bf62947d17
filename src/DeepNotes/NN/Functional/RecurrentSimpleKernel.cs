using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>
/// A whole SimpleRNN sequence as one fused op: h_t = tanh(x_t W + h₋₁ R + b) (the course's a⟨t⟩ = tanh(Waa a⟨t−1⟩ +
/// Wax x⟨t⟩ + ba) with Keras's layout: kernel (F, U), recurrent kernel (U, U), bias (U)).
/// </summary>
internal sealed class RecurrentSimpleKernel<T> : IRecurrentKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int n, steps, f, u;
    private readonly T[] xTm;    // (T, N, F)
    private readonly T[] states; // (T + 1, N, U) h; block 0 holds the initial state

    public RecurrentSimpleKernel(int n, int steps, int f, int u)
    {
        this.n = n;
        this.steps = steps;
        this.f = f;
        this.u = u;
        xTm = GC.AllocateUninitializedArray<T>(steps * n * f);
        states = GC.AllocateUninitializedArray<T>((steps + 1) * n * u);
    }

    /// <summary>Runs the sequence and writes output (N, T, U) = h_t.</summary>
    public void Forward(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrent, ReadOnlySpan<T> bias, ReadOnlySpan<T> h0, Span<T> output)
    {
        RecurrentKernelCommon.ToTimeMajor(n, steps, f, x, xTm);
        RecurrentKernelCommon.ProjectInputs(steps * n, f, u, xTm, kernel, bias, states.AsSpan(n * u));
        h0.CopyTo(states);
        for (int t = 0; t < steps; t++)
        {
            var z = states.AsSpan((t + 1) * n * u, n * u);
            ReadOnlySpan<T> hPrev = states.AsSpan(t * n * u, n * u);
            Gemm.Multiply<T>(false, false, n, u, u, hPrev, u, recurrent, u, z, u, accumulate: true);
            FloatExp.Tanh<T>(z, z);
        }
        RecurrentKernelCommon.ToBatchFirst<T>(n, steps, u, 0, u, states.AsSpan(n * u), output);
    }

    /// <summary>Back-propagates dOutput (N, T, U) through time; writes the gradients whose want flag is set.</summary>
    public void Backward(ReadOnlySpan<T> dOutput, ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrent,
        Span<T> dx, Span<T> dKernel, Span<T> dRecurrent, Span<T> dBias, Span<T> dh0,
        bool wantX, bool wantKernel, bool wantRecurrent, bool wantBias)
    {
        var dZ = ArrayPool<T>.Shared.Rent(steps * n * u); // backward-only scratch: pooled
        RecurrentKernelCommon.ToTimeMajor(n, steps, u, dOutput, dZ);
        var dhNext = new T[n * u];
        var rt = RecurrentKernelCommon.Transpose(recurrent, u, u);
        for (int t = steps - 1; t >= 0; t--)
        {
            var dz = dZ.AsSpan(t * n * u, n * u);
            var h = states.AsSpan((t + 1) * n * u, n * u);
            for (int i = 0; i < dz.Length; i++) dz[i] = (dz[i] + dhNext[i]) * (T.One - h[i] * h[i]);
            Gemm.Multiply<T>(false, false, n, u, u, dz, u, rt, u, dhNext, u);
        }
        dhNext.CopyTo(dh0);
        if (wantRecurrent)
            Gemm.Multiply<T>(true, false, u, u, steps * n, states.AsSpan(0, steps * n * u), u, dZ, u, dRecurrent, u);
        RecurrentKernelCommon.InputGradients<T>(n, steps, f, u, xTm, kernel, dZ, dx, dKernel, dBias, wantX, wantKernel, wantBias);
        ArrayPool<T>.Shared.Return(dZ);
    }
}
