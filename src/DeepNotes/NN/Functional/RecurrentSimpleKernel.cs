using System.Buffers;
using System.Numerics;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>
/// A whole SimpleRNN sequence as one fused op: h_t = tanh(x_t W + h₋₁ R + b) (the course's a⟨t⟩ = tanh(Waa a⟨t−1⟩ +
/// Wax x⟨t⟩ + ba) with Keras's layout: kernel (F, U), recurrent kernel (U, U), bias (U)). Runs in batch parts,
/// step by step within each (see <see cref="RecurrentKernelCommon"/>).
/// </summary>
internal sealed class RecurrentSimpleKernel<T> : IRecurrentKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int n, steps, f, u;
    private readonly bool pooled;
    private readonly RecurrentSparseInput<T>? sparseX;
    private readonly T[][] states; // per step (N, U): h_t
    private readonly T[] initial;  // (N, U): h₀

    /// <param name="pooled">Saved state from the array pool, handed back by <see cref="Release"/>.</param>
    /// <param name="sparseX">x in compressed rows when it is mostly zeros, else null.</param>
    public RecurrentSimpleKernel(int n, int steps, int f, int u, bool pooled, RecurrentSparseInput<T>? sparseX)
    {
        this.n = n;
        this.steps = steps;
        this.f = f;
        this.u = u;
        this.pooled = pooled;
        this.sparseX = sparseX;
        states = RecurrentKernelCommon.StepArrays<T>(steps, n * u, pooled);
        initial = new T[n * u];
        if (pooled) GC.SuppressFinalize(this); // Release hands the array-pool scratch back
    }

    public void Release()
    {
        if (pooled) RecurrentKernelCommon.ReturnStepArrays(states);
    }

    // Unreachable: no backward can run any more, so the saved steps can serve another forward.
    ~RecurrentSimpleKernel()
    {
        RecurrentStatePool<T>.Return(states);
    }

    public void Forward(ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel, ReadOnlyMemory<T> recurrent, ReadOnlyMemory<T> bias, ReadOnlyMemory<T> h0, Memory<T> output)
    {
        var sparse = sparseX is not null && RecurrentSparseInput<T>.AllFinite(kernel.Span) ? sparseX : null;
        h0.Span.CopyTo(initial);
        RecurrentKernelCommon.ForParts(n, RecurrentKernelCommon.Parts(n), (_, b0, b1) =>
        {
            int m = b1 - b0;
            ReadOnlySpan<T> xs = x.Span, k = kernel.Span, r = recurrent.Span, b = bias.Span;
            var y = output.Span;
            for (int t = 0; t < steps; t++)
            {
                var h = states[t].AsSpan(b0 * u, m * u);
                ReadOnlySpan<T> hPrev = (t == 0 ? initial : states[t - 1]).AsSpan(b0 * u, m * u);
                RecurrentKernelCommon.ProjectStep(sparse, xs, k, b, b0, m, t, steps, f, u, h);
                RecurrentGemm.Multiply<T>(m, u, u, hPrev, u, 1, r, u, h, u, accumulate: true);
                FloatExp.Tanh<T>(h, h);
                for (int i = 0; i < m; i++) h.Slice(i * u, u).CopyTo(y.Slice(((b0 + i) * steps + t) * u, u));
            }
        });
        GC.KeepAlive(this); // the finalizer recycles the saved steps: not before the threads are done with them
    }

    public void Backward(ReadOnlyMemory<T> dOutput, ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel, ReadOnlyMemory<T> recurrent,
        Memory<T> dx, Memory<T> dKernel, Memory<T> dRecurrent, Memory<T> dBias, Memory<T> dh0,
        bool wantX, bool wantKernel, bool wantRecurrent, bool wantBias)
    {
        int parts = RecurrentKernelCommon.Parts(n);
        var rt = RecurrentKernelCommon.RentTransposed(recurrent.Span, u, u)!;
        var kt = RecurrentKernelCommon.RentTransposed(kernel.Span, f, u, wantX);
        var dhNext = ArrayPool<T>.Shared.Rent(n * u);
        var dzAll = ArrayPool<T>.Shared.Rent(n * u);
        using (var weights = new RecurrentKernelCommon.WeightGradients<T>(parts, dKernel, dRecurrent, dBias, wantKernel, wantRecurrent, wantBias))
            RecurrentKernelCommon.ForParts(n, parts, (p, b0, b1) =>
            {
                weights.For(p, out var dk, out var dr, out var db);
                int m = b1 - b0;
                ReadOnlySpan<T> dOut = dOutput.Span, xs = x.Span;
                var dhn = dhNext.AsSpan(b0 * u, m * u);
                var dz = dzAll.AsSpan(b0 * u, m * u);
                dhn.Clear();
                for (int t = steps - 1; t >= 0; t--)
                {
                    ReadOnlySpan<T> h = states[t].AsSpan(b0 * u, m * u);
                    // dz = (dh_t from outside + from step t + 1) ⊙ (1 − h²)
                    for (int i = 0; i < m; i++)
                    {
                        var d = dOut.Slice(((b0 + i) * steps + t) * u, u);
                        for (int j = 0; j < u; j++)
                        {
                            T hv = h[i * u + j];
                            dz[i * u + j] = (d[j] + dhn[i * u + j]) * (T.One - hv * hv);
                        }
                    }
                    RecurrentGemm.Multiply<T>(m, u, u, dz, u, 1, rt, u, dhn, u, accumulate: false);
                    if (!dr.IsEmpty)
                    {
                        ReadOnlySpan<T> hPrev = (t == 0 ? initial : states[t - 1]).AsSpan(b0 * u, m * u);
                        RecurrentGemm.Multiply<T>(u, u, m, hPrev, 1, u, dz, u, dr, u, accumulate: true);
                    }
                    RecurrentKernelCommon.InputGradientsStep(sparseX, xs, kt, dz, b0, m, t, steps, f, u, dk, db, dx.Span);
                }
                dhn.CopyTo(dh0.Span.Slice(b0 * u));
            });
        RecurrentKernelCommon.Return(rt, kt, dhNext, dzAll);
        GC.KeepAlive(this); // the finalizer recycles the saved steps: not before the threads are done with them
    }
}
