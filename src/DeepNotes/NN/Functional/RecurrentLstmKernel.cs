using System.Buffers;
using System.Numerics;

namespace DeepNotes.NN;

/// <summary>
/// A whole LSTM sequence as one fused op with a hand-written backward through time (Keras's equations and
/// weight layout, gates ordered i, f, c, o in kernel (F, 4U), recurrent kernel (U, 4U) and bias (4U)):
/// i = σ(x Wi + h Ri + bi), f = σ(·), c̃ = tanh(·), o = σ(·), c = f ⊙ c₋₁ + i ⊙ c̃, h = o ⊙ tanh(c).
/// In the course's notation Γu = i, Γf = f, Γo = o, a = h.
/// </summary>
/// <remarks>
/// Runs in batch parts, step by step within each (see <see cref="RecurrentKernelCommon"/>). The saved gates and
/// previous states are one array per step (N, ·), small enough at the course's sizes to stay out of the
/// large-object heap.
/// </remarks>
internal sealed class RecurrentLstmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int n, steps, f, u;
    private readonly bool pooled;
    private readonly RecurrentSparseInput<T>? sparseX; // x in compressed rows when mostly zeros (one-hot)
    private readonly T[][] gates; // per step (N, 4U): activated i, f, c̃, o
    private readonly T[][] prev;  // per step (N, 2U): h₋₁ then c₋₁ (the initial states at t = 0)
    private readonly T[] last;    // (N, 2U): h_T then c_T
    private bool zeroStart;       // h₀ is zero and step 0's recurrent products were skipped

    /// <param name="pooled">Scratch from the array pool, handed back by <see cref="Release"/> (when nothing records a backward).</param>
    /// <param name="sparseX">x in compressed rows when it is mostly zeros, else null.</param>
    public RecurrentLstmKernel(int n, int steps, int f, int u, bool pooled, RecurrentSparseInput<T>? sparseX)
    {
        this.n = n;
        this.steps = steps;
        this.f = f;
        this.u = u;
        this.pooled = pooled;
        this.sparseX = sparseX;
        gates = RecurrentKernelCommon.StepArrays<T>(steps, n * 4 * u, pooled);
        prev = RecurrentKernelCommon.StepArrays<T>(steps, n * 2 * u, pooled);
        last = new T[n * 2 * u];
        if (pooled) GC.SuppressFinalize(this); // Release hands the array-pool scratch back
    }

    /// <summary>Returns pooled scratch; the kernel cannot run a backward afterwards.</summary>
    public void Release()
    {
        if (!pooled) return;
        RecurrentKernelCommon.ReturnStepArrays(gates);
        RecurrentKernelCommon.ReturnStepArrays(prev);
    }

    // Unreachable: no backward can run any more, so the saved steps can serve another forward.
    ~RecurrentLstmKernel()
    {
        RecurrentStatePool<T>.Return(gates);
        RecurrentStatePool<T>.Return(prev);
    }

    /// <summary>
    /// Runs the sequence. packed: writes output (N, T, 2U) with h_t in [0, U) and c_t in [U, 2U). Otherwise writes
    /// every h_t into output (N, T, U) and c_T into lastC (N, U).
    /// </summary>
    public void Forward(ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel, ReadOnlyMemory<T> recurrent, ReadOnlyMemory<T> bias,
        ReadOnlyMemory<T> h0, ReadOnlyMemory<T> c0, Memory<T> output, bool packed, Memory<T> lastC = default)
    {
        var sparse = sparseX is not null && RecurrentSparseInput<T>.AllFinite(kernel.Span) ? sparseX : null;
        // A zero h₀ (the default initial state) contributes exact zeros to step 0's recurrent product, unless the
        // recurrent kernel holds a non-finite value (0 · ∞ is NaN): the product is skipped then.
        zeroStart = RecurrentKernelCommon.AllZero(h0.Span) && RecurrentSparseInput<T>.AllFinite(recurrent.Span);
        int parts = RecurrentKernelCommon.Parts(n);
        RecurrentKernelCommon.ForParts(n, parts, (_, b0, b1) =>
        {
            var z = ArrayPool<T>.Shared.Rent((b1 - b0) * 4 * u);
            Recur(b0, b1, sparse, x.Span, kernel.Span, recurrent.Span, bias.Span, h0.Span, c0.Span, output.Span, packed, lastC.Span, z);
            ArrayPool<T>.Shared.Return(z);
        });
        GC.KeepAlive(this); // the finalizer recycles the saved steps: not before the threads are done with them
    }

    // Each step's pre-activations gather in z, a part-sized scratch that stays in cache (the recurrent product writes
    // it, the cell adds the bias and a one-hot row's kernel row on the way in); only the activated gates go to the
    // saved step.
    private void Recur(int b0, int b1, RecurrentSparseInput<T>? sparse, ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> recurrent, ReadOnlySpan<T> bias,
        ReadOnlySpan<T> h0, ReadOnlySpan<T> c0, Span<T> output, bool packed, Span<T> lastC, T[] zScratch)
    {
        int g4 = 4 * u, s2 = 2 * u, m = b1 - b0, width = packed ? 2 * u : u;
        Span<T> scratch = u <= 256 ? stackalloc T[u] : new T[u];
        var z = zScratch.AsSpan(0, m * g4);
        for (int b = b0; b < b1; b++)
        {
            h0.Slice(b * u, u).CopyTo(prev[0].AsSpan(b * s2, u));
            c0.Slice(b * u, u).CopyTo(prev[0].AsSpan(b * s2 + u, u));
        }
        for (int t = 0; t < steps; t++)
        {
            bool recurrentProduct = t > 0 || !zeroStart;
            if (sparse is null)
            {
                // z = x_t·kernel + bias (+ h₋₁·recurrent) for this part's sequences.
                RecurrentKernelCommon.ProjectStep(null, x, kernel, bias, b0, m, t, steps, f, g4, z);
                if (recurrentProduct) RecurrentGemm.Multiply<T>(m, g4, u, prev[t].AsSpan(b0 * s2), s2, 1, recurrent, g4, z, g4, accumulate: true);
            }
            else if (recurrentProduct) RecurrentGemm.Multiply<T>(m, g4, u, prev[t].AsSpan(b0 * s2), s2, 1, recurrent, g4, z, g4, accumulate: false);
            else z.Clear();
            for (int b = b0; b < b1; b++)
            {
                if (b + 1 < b1)
                {
                    // The next row's destinations: its saved gates, its h, c for the next step, its output row.
                    RecurrentPrefetch.Lines<T>(gates[t].AsSpan((b + 1) * g4, g4));
                    RecurrentPrefetch.Lines<T>(t + 1 < steps ? prev[t + 1].AsSpan((b + 1) * s2, s2) : last.AsSpan((b + 1) * s2, s2));
                    RecurrentPrefetch.Lines<T>(output.Slice(((b + 1) * steps + t) * width, width));
                }
                var zb = z.Slice((b - b0) * g4, g4);
                ReadOnlySpan<T> a = default, kRow = default;
                if (sparse is not null)
                {
                    // + bias + x_t·kernel: a one-hot row's kernel row joins in the cell's pass, other rows are added first.
                    a = bias;
                    int row = b * steps + t, col = sparse.OneHotColumn(row);
                    if (col >= 0) kRow = kernel.Slice(col * g4, g4);
                    else if (col == -2) sparse.AddRow(row, g4, kernel, zb);
                }
                // h, c go where the next step reads them (or to last) and to the output.
                var hc = t + 1 < steps ? prev[t + 1].AsSpan(b * s2, s2) : last.AsSpan(b * s2, s2);
                RecurrentLstmCell.Forward<T>(zb, a, kRow, gates[t].AsSpan(b * g4, g4), prev[t].AsSpan(b * s2, s2), hc,
                    output.Slice((b * steps + t) * width, width), u, scratch);
            }
        }
        if (!packed)
            for (int b = b0; b < b1; b++) last.AsSpan(b * s2 + u, u).CopyTo(lastC.Slice(b * u, u));
    }

    /// <summary>
    /// Back-propagates through time and writes the gradients whose want flag is set. dOutput, when not empty, is the
    /// gradient of the output (N, T, 2U) when packed, else of the h sequence (N, T, U); dLastC, when not empty, that of
    /// c_T (N, U).
    /// </summary>
    public void Backward(ReadOnlyMemory<T> dOutput, bool packed, ReadOnlyMemory<T> dLastC, ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel,
        ReadOnlyMemory<T> recurrent, Memory<T> dx, Memory<T> dKernel, Memory<T> dRecurrent, Memory<T> dBias, Memory<T> dh0, Memory<T> dc0,
        bool wantX, bool wantKernel, bool wantRecurrent, bool wantBias, bool wantH0 = true)
    {
        int g4 = 4 * u, parts = RecurrentKernelCommon.Parts(n);
        var pool = ArrayPool<T>.Shared;
        var rt = RecurrentKernelCommon.RentTransposed(recurrent.Span, u, g4)!;
        var kt = RecurrentKernelCommon.RentTransposed(kernel.Span, f, g4, wantX);
        var dhNext = pool.Rent(n * u);
        var dcNext = pool.Rent(n * u);
        var dz = pool.Rent(n * g4);
        using (var weights = new RecurrentKernelCommon.WeightGradients<T>(parts, dKernel, dRecurrent, dBias, wantKernel, wantRecurrent, wantBias))
            RecurrentKernelCommon.ForParts(n, parts, (p, b0, b1) =>
            {
                weights.For(p, out var dk, out var dr, out var db);
                BackRecur(b0, b1, dOutput.Span, packed, dLastC.Span, x.Span, rt, kt, dhNext, dcNext, dz, dx.Span, dk, dr, db, wantH0 ? dh0.Span : default, dc0.Span);
            });
        RecurrentKernelCommon.Return(rt, kt, dhNext, dcNext, dz);
        GC.KeepAlive(this); // the finalizer recycles the saved steps: not before the threads are done with them
    }

    /// <summary>
    /// Backward through time for sequences [b0, b1): their dh₀, dc₀ and dx rows, and their sums into dk, dr, db
    /// (each skipped when empty).
    /// </summary>
    private void BackRecur(int b0, int b1, ReadOnlySpan<T> dOut, bool packed, ReadOnlySpan<T> dLastC, ReadOnlySpan<T> x, T[] rt, T[]? kt,
        T[] dhNext, T[] dcNext, T[] dzAll, Span<T> dx, Span<T> dk, Span<T> dr, Span<T> db, Span<T> dh0, Span<T> dc0)
    {
        int g4 = 4 * u, s2 = 2 * u, m = b1 - b0, width = packed ? 2 * u : u;
        Span<T> scratch = u <= 256 ? stackalloc T[u] : new T[u];
        var dz = dzAll.AsSpan(b0 * g4, m * g4); // this step's pre-activation gradients for the part's sequences
        dhNext.AsSpan(b0 * u, m * u).Clear();
        if (dLastC.IsEmpty) dcNext.AsSpan(b0 * u, m * u).Clear();
        else dLastC.Slice(b0 * u, m * u).CopyTo(dcNext.AsSpan(b0 * u));
        for (int t = steps - 1; t >= 0; t--)
        {
            for (int b = b0; b < b1; b++)
            {
                // The next row's saved gates, c₋₁ and output gradient (the next step's first row after the last).
                int nb = b + 1 < b1 ? b + 1 : b0, nt = b + 1 < b1 ? t : t - 1;
                if (nt >= 0)
                {
                    RecurrentPrefetch.Lines<T>(gates[nt].AsSpan(nb * g4, g4));
                    RecurrentPrefetch.Lines<T>(prev[nt].AsSpan(nb * s2 + u, u));
                    if (!dOut.IsEmpty) RecurrentPrefetch.Lines(dOut.Slice((nb * steps + nt) * width, width));
                }
                int row = b * steps + t;
                var dhOut = dOut.IsEmpty ? default : dOut.Slice(row * width, u);
                var dcOut = dOut.IsEmpty || !packed ? default : dOut.Slice(row * width + u, u);
                RecurrentLstmCell.Backward<T>(gates[t].AsSpan(b * g4, g4), prev[t].AsSpan(b * s2 + u, u), dhOut, dcOut,
                    dhNext.AsSpan(b * u, u), dcNext.AsSpan(b * u, u), dz.Slice((b - b0) * g4, g4), db, u, scratch);
            }
            // dh₋₁ = dz·Rᵀ; dR += h₋₁ᵀ·dz; dkernel += x_tᵀ·dz; dx_t = dz·kernelᵀ (dbias was summed by the cell).
            // At t = 0, dh₋₁ is dh₀ (not needed unless h₀ wants it) and a zero h₀ adds exact zeros to dR (unless dz is
            // not finite: 0 · ∞ is NaN).
            if (t > 0 || !dh0.IsEmpty) RecurrentGemm.Multiply<T>(m, u, g4, dz, g4, 1, rt, u, dhNext.AsSpan(b0 * u), u, accumulate: false);
            if (!dr.IsEmpty && (t > 0 || !zeroStart || !RecurrentSparseInput<T>.AllFinite(dz)))
                RecurrentGemm.Multiply<T>(u, g4, m, prev[t].AsSpan(b0 * s2), 1, s2, dz, g4, dr, g4, accumulate: true);
            RecurrentKernelCommon.InputGradientsStep(sparseX, x, kt, dz, b0, m, t, steps, f, g4, dk, default, dx);
        }
        if (!dh0.IsEmpty) dhNext.AsSpan(b0 * u, m * u).CopyTo(dh0.Slice(b0 * u));
        dcNext.AsSpan(b0 * u, m * u).CopyTo(dc0.Slice(b0 * u));
    }
}
