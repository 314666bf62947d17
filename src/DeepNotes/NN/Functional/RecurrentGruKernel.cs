using System.Buffers;
using System.Numerics;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>
/// A whole GRU sequence as one fused op with a hand-written backward, using the course's equations
/// (the reset gate applied before the recurrent product, like Keras's reset_after=False):
/// Γu = σ(x Wu + h₋₁ Ru + bu), Γr = σ(x Wr + h₋₁ Rr + br), c̃ = tanh(x Wc + (Γr ⊙ h₋₁) Rc + bc),
/// h = Γu ⊙ c̃ + (1 − Γu) ⊙ h₋₁. Gates ordered u, r, c in kernel (F, 3U), recurrent kernel (U, 3U), bias (3U).
/// Keras's z gate is 1 − Γu. Runs in batch parts, step by step within each (see <see cref="RecurrentKernelCommon"/>).
/// </summary>
internal sealed class RecurrentGruKernel<T> : IRecurrentKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int n, steps, f, u;
    private readonly bool pooled;
    private readonly RecurrentSparseInput<T>? sparseX;
    private readonly T[][] gates;  // per step (N, 3U): activated Γu, Γr, c̃
    private readonly T[][] states; // per step (N, U): h_t
    private readonly T[][] resetH; // per step (N, U): Γr ⊙ h₋₁
    private readonly T[] initial;  // (N, U): h₀

    /// <param name="pooled">Saved state from the array pool, handed back by <see cref="Release"/>.</param>
    /// <param name="sparseX">x in compressed rows when it is mostly zeros, else null.</param>
    public RecurrentGruKernel(int n, int steps, int f, int u, bool pooled, RecurrentSparseInput<T>? sparseX)
    {
        this.n = n;
        this.steps = steps;
        this.f = f;
        this.u = u;
        this.pooled = pooled;
        this.sparseX = sparseX;
        gates = RecurrentKernelCommon.StepArrays<T>(steps, n * 3 * u, pooled);
        states = RecurrentKernelCommon.StepArrays<T>(steps, n * u, pooled);
        resetH = RecurrentKernelCommon.StepArrays<T>(steps, n * u, pooled);
        initial = new T[n * u];
        if (pooled) GC.SuppressFinalize(this); // Release hands the array-pool scratch back
    }

    public void Release()
    {
        if (!pooled) return;
        RecurrentKernelCommon.ReturnStepArrays(gates);
        RecurrentKernelCommon.ReturnStepArrays(states);
        RecurrentKernelCommon.ReturnStepArrays(resetH);
    }

    // Unreachable: no backward can run any more, so the saved steps can serve another forward.
    ~RecurrentGruKernel()
    {
        RecurrentStatePool<T>.Return(gates);
        RecurrentStatePool<T>.Return(states);
        RecurrentStatePool<T>.Return(resetH);
    }

    public void Forward(ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel, ReadOnlyMemory<T> recurrent, ReadOnlyMemory<T> bias, ReadOnlyMemory<T> h0, Memory<T> output)
    {
        var sparse = sparseX is not null && RecurrentSparseInput<T>.AllFinite(kernel.Span) ? sparseX : null;
        h0.Span.CopyTo(initial);
        RecurrentKernelCommon.ForParts(n, RecurrentKernelCommon.Parts(n), (_, b0, b1) =>
        {
            int m = b1 - b0, g3 = 3 * u;
            ReadOnlySpan<T> xs = x.Span, k = kernel.Span, r = recurrent.Span, b = bias.Span;
            var y = output.Span;
            for (int t = 0; t < steps; t++)
            {
                var z = gates[t].AsSpan(b0 * g3, m * g3);
                ReadOnlySpan<T> hPrev = (t == 0 ? initial : states[t - 1]).AsSpan(b0 * u, m * u);
                var rh = resetH[t].AsSpan(b0 * u, m * u);
                var h = states[t].AsSpan(b0 * u, m * u);
                RecurrentKernelCommon.ProjectStep(sparse, xs, k, b, b0, m, t, steps, f, g3, z);
                RecurrentGemm.Multiply<T>(m, 2 * u, u, hPrev, u, 1, r, g3, z, g3, accumulate: true);
                for (int i = 0; i < m; i++)
                {
                    var row = z.Slice(i * g3, 2 * u);
                    FloatExp.Sigmoid<T>(row, row);
                    System.Numerics.Tensors.TensorPrimitives.Multiply<T>(row.Slice(u, u), hPrev.Slice(i * u, u), rh.Slice(i * u, u));
                }
                RecurrentGemm.Multiply<T>(m, u, u, rh, u, 1, r.Slice(2 * u), g3, z.Slice(2 * u), g3, accumulate: true);
                for (int i = 0; i < m; i++)
                {
                    var row = z.Slice(i * g3, g3);
                    var cand = row.Slice(2 * u, u);
                    FloatExp.Tanh<T>(cand, cand);
                    var hi = h.Slice(i * u, u);
                    var hp = hPrev.Slice(i * u, u);
                    // h = Γu ⊙ (c̃ − h₋₁) + h₋₁
                    System.Numerics.Tensors.TensorPrimitives.Subtract<T>(cand, hp, hi);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<T>(hi, row.Slice(0, u), hp, hi);
                    hi.CopyTo(y.Slice(((b0 + i) * steps + t) * u, u));
                }
            }
        });
        GC.KeepAlive(this); // the finalizer recycles the saved steps: not before the threads are done with them
    }

    public void Backward(ReadOnlyMemory<T> dOutput, ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel, ReadOnlyMemory<T> recurrent,
        Memory<T> dx, Memory<T> dKernel, Memory<T> dRecurrent, Memory<T> dBias, Memory<T> dh0,
        bool wantX, bool wantKernel, bool wantRecurrent, bool wantBias)
    {
        int g3 = 3 * u, parts = RecurrentKernelCommon.Parts(n);
        // rt = Rᵀ (3U, U): rows [0, 2U) = R_urᵀ, [2U, 3U) = R_cᵀ.
        var rt = RecurrentKernelCommon.RentTransposed(recurrent.Span, u, g3)!;
        var kt = RecurrentKernelCommon.RentTransposed(kernel.Span, f, g3, wantX);
        var pool = ArrayPool<T>.Shared;
        var dhNext = pool.Rent(n * u);
        var dRhAll = pool.Rent(n * u);
        var dzAll = pool.Rent(n * g3);
        using (var weights = new RecurrentKernelCommon.WeightGradients<T>(parts, dKernel, dRecurrent, dBias, wantKernel, wantRecurrent, wantBias))
            RecurrentKernelCommon.ForParts(n, parts, (p, b0, b1) =>
            {
                weights.For(p, out var dk, out var dr, out var db);
                int m = b1 - b0;
                ReadOnlySpan<T> dOut = dOutput.Span, xs = x.Span;
                var dhn = dhNext.AsSpan(b0 * u, m * u);
                var dRh = dRhAll.AsSpan(b0 * u, m * u);
                var dz = dzAll.AsSpan(b0 * g3, m * g3);
                dhn.Clear();
                for (int t = steps - 1; t >= 0; t--)
                {
                    ReadOnlySpan<T> hPrev = (t == 0 ? initial : states[t - 1]).AsSpan(b0 * u, m * u);
                    ReadOnlySpan<T> rh = resetH[t].AsSpan(b0 * u, m * u);
                    ReadOnlySpan<T> gt = gates[t].AsSpan(b0 * g3, m * g3);
                    for (int i = 0; i < m; i++)
                        RecurrentGruCell.UpdateAndCandidate(gt.Slice(i * g3, g3), hPrev.Slice(i * u, u), dOut.Slice(((b0 + i) * steps + t) * u, u),
                            dhn.Slice(i * u, u), dz.Slice(i * g3, g3), u);
                    // d(Γr ⊙ h₋₁) = dz_c·R_cᵀ, then the reset gate and its share of dh₋₁.
                    RecurrentGemm.Multiply<T>(m, u, u, dz.Slice(2 * u), g3, 1, rt.AsSpan(2 * u * u), u, dRh, u, accumulate: false);
                    for (int i = 0; i < m; i++)
                        RecurrentGruCell.Reset(gt.Slice(i * g3, g3), hPrev.Slice(i * u, u), dRh.Slice(i * u, u), dhn.Slice(i * u, u), dz.Slice(i * g3, g3), u);
                    RecurrentGemm.Multiply<T>(m, u, 2 * u, dz, g3, 1, rt, u, dhn, u, accumulate: true);
                    if (!dr.IsEmpty)
                    {
                        RecurrentGemm.Multiply<T>(u, 2 * u, m, hPrev, 1, u, dz, g3, dr, g3, accumulate: true);
                        RecurrentGemm.Multiply<T>(u, u, m, rh, 1, u, dz.Slice(2 * u), g3, dr.Slice(2 * u), g3, accumulate: true);
                    }
                    RecurrentKernelCommon.InputGradientsStep(sparseX, xs, kt, dz, b0, m, t, steps, f, g3, dk, db, dx.Span);
                }
                dhn.CopyTo(dh0.Span.Slice(b0 * u));
            });
        RecurrentKernelCommon.Return(rt, kt, dhNext, dRhAll, dzAll);
        GC.KeepAlive(this); // the finalizer recycles the saved steps: not before the threads are done with them
    }
}
