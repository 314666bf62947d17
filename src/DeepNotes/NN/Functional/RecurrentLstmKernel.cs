using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using DeepNotes.Kernels;
using DeepNotes.Kernels.Conv;

namespace DeepNotes.NN;

/// <summary>
/// A whole LSTM sequence as one fused op with a hand-written backward through time (Keras's equations and
/// weight layout, gates ordered i, f, c, o in kernel (F, 4U), recurrent kernel (U, 4U) and bias (4U)):
/// i = σ(x Wi + h Ri + bi), f = σ(·), c̃ = tanh(·), o = σ(·), c = f ⊙ c₋₁ + i ⊙ c̃, h = o ⊙ tanh(c).
/// In the course's notation Γu = i, Γf = f, Γo = o, a = h.
/// </summary>
/// <remarks>
/// Everything stays batch-first, so row b·T + t of x, of the gates and of the saved previous states line up and the
/// input-side products (x·kernel, xᵀ·dG, dG·kernelᵀ, h₋₁ᵀ·dG) are plain GEMMs over those rows. The recurrence is
/// independent per sequence, so the batch is split into parts that each run their rows through all the steps
/// (input projection, recurrence, and in the backward their share of the weight gradients) on one thread: one
/// synchronisation per pass instead of one per step.
/// </remarks>
internal sealed class RecurrentLstmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int n, steps, f, u;
    private readonly bool pooled;
    private readonly RecurrentSparseInput<T>? sparseX; // x in compressed rows when mostly zeros (one-hot)
    private T[] gates;   // (N, T, 4U) activated i, f, c̃, o
    private T[] prev;    // (N, T, 2U) h₋₁ then c₋₁ for each step (the initial states at t = 0)
    private readonly T[] last; // (N, 2U) h_T then c_T

    /// <param name="pooled">Scratch from the array pool, handed back by <see cref="Release"/> (when nothing records a backward).</param>
    /// <param name="sparseX">x in compressed rows when it is mostly zeros, else null.</param>
    public RecurrentLstmKernel(int n, int steps, int f, int u, bool pooled, RecurrentSparseInput<T>? sparseX)
    {
        this.sparseX = sparseX;
        this.n = n;
        this.steps = steps;
        this.f = f;
        this.u = u;
        this.pooled = pooled;
        int rows = n * steps;
        gates = pooled ? ArrayPool<T>.Shared.Rent(rows * 4 * u) : GC.AllocateUninitializedArray<T>(rows * 4 * u);
        prev = pooled ? ArrayPool<T>.Shared.Rent(rows * 2 * u) : GC.AllocateUninitializedArray<T>(rows * 2 * u);
        last = new T[n * 2 * u];
    }

    /// <summary>Returns pooled scratch; the kernel cannot run a backward afterwards.</summary>
    public void Release()
    {
        if (!pooled) return;
        ArrayPool<T>.Shared.Return(gates);
        ArrayPool<T>.Shared.Return(prev);
        gates = prev = [];
    }

    /// <summary>How many parts the batch is split into: one per available thread, at least 4 sequences each.</summary>
    private int Parts() => Math.Max(1, Math.Min(GemmThreads.Available, n / 4));

    private (int B0, int B1) Range(int part, int parts) => (part * n / parts, (part + 1) * n / parts);

    /// <summary>
    /// Runs the sequence. packed: writes output (N, T, 2U) with h_t in [0, U) and c_t in [U, 2U). Otherwise writes
    /// every h_t into output (N, T, U) and c_T into lastC (N, U).
    /// </summary>
    public void Forward(ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel, ReadOnlyMemory<T> recurrent, ReadOnlyMemory<T> bias,
        ReadOnlyMemory<T> h0, ReadOnlyMemory<T> c0, Memory<T> output, bool packed, Memory<T> lastC = default)
    {
        int parts = Parts();
        bool sparse = sparseX is not null && RecurrentSparseInput<T>.AllFinite(kernel.Span);
        if (parts == 1)
        {
            Project(0, n, sparse, x.Span, kernel.Span, bias.Span);
            Recur(0, n, recurrent.Span, h0.Span, c0.Span, output.Span, packed, lastC.Span);
            return;
        }
        GemmThreads.For(parts, p =>
        {
            var (b0, b1) = Range(p, parts);
            Project(b0, b1, sparse, x.Span, kernel.Span, bias.Span);
            Recur(b0, b1, recurrent.Span, h0.Span, c0.Span, output.Span, packed, lastC.Span);
        });
    }

    /// <summary>gates rows of sequences [b0, b1) = x·kernel + bias.</summary>
    private void Project(int b0, int b1, bool sparse, ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias)
    {
        int g4 = 4 * u, rows = (b1 - b0) * steps;
        var z = gates.AsSpan(b0 * steps * g4, rows * g4);
        if (sparse)
        {
            sparseX!.Project(b0 * steps, rows, g4, kernel, bias, z);
            return;
        }
        Gemm.Multiply<T>(false, false, rows, g4, f, x.Slice(b0 * steps * f, rows * f), f, kernel, g4, z, g4);
        ConvKernels.AddRowVector<T>(z, bias);
    }

    private void Recur(int b0, int b1, ReadOnlySpan<T> recurrent, ReadOnlySpan<T> h0, ReadOnlySpan<T> c0, Span<T> output, bool packed, Span<T> lastC)
    {
        int width = packed ? 2 * u : u;
        int g4 = 4 * u, s2 = 2 * u, m = b1 - b0;
        Span<T> scratch = u <= 256 ? stackalloc T[u] : new T[u];
        for (int b = b0; b < b1; b++)
        {
            h0.Slice(b * u, u).CopyTo(prev.AsSpan(b * steps * s2, u));
            c0.Slice(b * u, u).CopyTo(prev.AsSpan(b * steps * s2 + u, u));
        }
        for (int t = 0; t < steps; t++)
        {
            int first = b0 * steps + t;
            RecurrentGemm.Multiply<T>(m, g4, u, prev.AsSpan(first * s2), steps * s2, recurrent, g4, gates.AsSpan(first * g4), steps * g4, accumulate: true);
            for (int b = b0; b < b1; b++)
            {
                int row = b * steps + t;
                // h, c go where the next step reads them (or to last), then to the output.
                var hc = t + 1 < steps ? prev.AsSpan((row + 1) * s2, s2) : last.AsSpan(b * s2, s2);
                RecurrentLstmCell.Forward<T>(gates.AsSpan(row * g4, g4), prev.AsSpan(row * s2, s2), hc, u, scratch);
                hc.Slice(0, width).CopyTo(output.Slice(row * width, width));
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
    public void Backward(ReadOnlyMemory<T> dOutput, bool packed, ReadOnlyMemory<T> dLastC, ReadOnlyMemory<T> x, ReadOnlyMemory<T> kernel, ReadOnlyMemory<T> recurrent,
        Memory<T> dx, Memory<T> dKernel, Memory<T> dRecurrent, Memory<T> dBias, Memory<T> dh0, Memory<T> dc0,
        bool wantX, bool wantKernel, bool wantRecurrent, bool wantBias)
    {
        int g4 = 4 * u, rows = n * steps;
        var pool = ArrayPool<T>.Shared;
        var dG = pool.Rent(rows * g4);
        var rt = pool.Rent(g4 * u);
        RecurrentKernelCommon.Transpose(recurrent.Span, u, g4, rt);
        var dhNext = pool.Rent(n * u);
        var dcNext = pool.Rent(n * u);
        int parts = Parts();
        if (parts == 1)
        {
            BackRecur(0, n, dOutput.Span, packed, dLastC.Span, dG, rt, dhNext, dcNext, dh0.Span, dc0.Span);
            // One part: the weight products over all rows, each free to use every thread.
            if (wantX) Gemm.Multiply<T>(false, true, rows, f, g4, dG, g4, kernel.Span, g4, dx.Span, f);
            if (wantKernel) KernelGradient(0, rows, x.Span, dG.AsSpan(0, rows * g4), dKernel.Span);
            if (wantRecurrent) Gemm.Multiply<T>(true, false, u, g4, rows, prev, 2 * u, dG, g4, dRecurrent.Span, g4);
            if (wantBias) RecurrentKernelCommon.ColumnSums(dG.AsSpan(0, rows * g4), g4, dBias.Span);
        }
        else
        {
            // Each part sums its rows' share of dkernel, drecurrent and dbias; part 0 writes the outputs, the others
            // pooled partials added at the end.
            int weights = f * g4 + u * g4 + g4;
            var partials = pool.Rent((parts - 1) * weights);
            GemmThreads.For(parts, p =>
            {
                var (b0, b1) = Range(p, parts);
                BackRecur(b0, b1, dOutput.Span, packed, dLastC.Span, dG, rt, dhNext, dcNext, dh0.Span, dc0.Span);
                int first = b0 * steps, count = (b1 - b0) * steps;
                var dGp = dG.AsSpan(first * g4, count * g4);
                var part = p == 0 ? default : partials.AsSpan((p - 1) * weights, weights);
                if (wantX) Gemm.Multiply<T>(false, true, count, f, g4, dGp, g4, kernel.Span, g4, dx.Span.Slice(first * f, count * f), f);
                if (wantKernel) KernelGradient(first, count, x.Span, dGp, p == 0 ? dKernel.Span : part.Slice(0, f * g4));
                if (wantRecurrent)
                    Gemm.Multiply<T>(true, false, u, g4, count, prev.AsSpan(first * 2 * u, count * 2 * u), 2 * u, dGp, g4,
                        p == 0 ? dRecurrent.Span : part.Slice(f * g4, u * g4), g4);
                if (wantBias) RecurrentKernelCommon.ColumnSums(dGp, g4, p == 0 ? dBias.Span : part.Slice(f * g4 + u * g4, g4));
            });
            for (int p = 1; p < parts; p++)
            {
                var part = partials.AsSpan((p - 1) * weights, weights);
                if (wantKernel) TensorPrimitives.Add<T>(dKernel.Span, part.Slice(0, f * g4), dKernel.Span);
                if (wantRecurrent) TensorPrimitives.Add<T>(dRecurrent.Span, part.Slice(f * g4, u * g4), dRecurrent.Span);
                if (wantBias) TensorPrimitives.Add<T>(dBias.Span, part.Slice(f * g4 + u * g4, g4), dBias.Span);
            }
            pool.Return(partials);
        }
        pool.Return(dG);
        pool.Return(rt);
        pool.Return(dhNext);
        pool.Return(dcNext);
    }

    /// <summary>dKernel = x[first .. first + count)ᵀ · dG (the rows' dG): sparse where x is and dG is finite.</summary>
    private void KernelGradient(int first, int count, ReadOnlySpan<T> x, ReadOnlySpan<T> dG, Span<T> dKernel)
    {
        int g4 = 4 * u;
        if (sparseX is not null && RecurrentSparseInput<T>.AllFinite(dG)) sparseX.KernelGradient(first, count, g4, dG, dKernel);
        else Gemm.Multiply<T>(true, false, f, g4, count, x.Slice(first * f, count * f), f, dG, g4, dKernel, g4);
    }

    /// <summary>
    /// Backward through time for sequences [b0, b1): fills their rows of dG (the pre-activation gate gradients, kept
    /// in the dG array of the caller) and writes their dh₀, dc₀.
    /// </summary>
    private void BackRecur(int b0, int b1, ReadOnlySpan<T> dOut, bool packed, ReadOnlySpan<T> dLastC, T[] dG, T[] rt, T[] dhNext, T[] dcNext,
        Span<T> dh0, Span<T> dc0)
    {
        int g4 = 4 * u, s2 = 2 * u, m = b1 - b0, width = packed ? 2 * u : u;
        Span<T> scratch = u <= 256 ? stackalloc T[u] : new T[u];
        dhNext.AsSpan(b0 * u, m * u).Clear();
        if (dLastC.IsEmpty) dcNext.AsSpan(b0 * u, m * u).Clear();
        else dLastC.Slice(b0 * u, m * u).CopyTo(dcNext.AsSpan(b0 * u));
        for (int t = steps - 1; t >= 0; t--)
        {
            for (int b = b0; b < b1; b++)
            {
                int row = b * steps + t;
                var dhOut = dOut.IsEmpty ? default : dOut.Slice(row * width, u);
                var dcOut = dOut.IsEmpty || !packed ? default : dOut.Slice(row * width + u, u);
                RecurrentLstmCell.Backward<T>(gates.AsSpan(row * g4, g4), prev.AsSpan(row * s2 + u, u), dhOut, dcOut,
                    dhNext.AsSpan(b * u, u), dcNext.AsSpan(b * u, u), dG.AsSpan(row * g4, g4), u, scratch);
            }
            // dh₋₁ = dz · Rᵀ for this part's sequences.
            int first = b0 * steps + t;
            RecurrentGemm.Multiply<T>(m, u, g4, dG.AsSpan(first * g4), steps * g4, rt, u, dhNext.AsSpan(b0 * u), u, accumulate: false);
        }
        dhNext.AsSpan(b0 * u, m * u).CopyTo(dh0.Slice(b0 * u));
        dcNext.AsSpan(b0 * u, m * u).CopyTo(dc0.Slice(b0 * u));
    }
}
