using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>
/// Pieces shared by the fused recurrent kernels. The recurrence is independent per sequence, so a kernel splits the
/// batch into parts (one per available thread) that each run their sequences through every step on one thread: one
/// synchronisation per pass instead of one per step. Inside a part each step's input projection, recurrent
/// product and pointwise work, and in the backward the step's share of the weight gradients, happen while the
/// step's rows are in cache. Saved per-step state is one (N, ·) array per step. Inputs and outputs are batch-first
/// (N, T, ·): row b·T + t.
/// </summary>
internal static class RecurrentKernelCommon
{
    /// <summary>How many parts a batch of n sequences is split into: one per available thread, at least 4 sequences each.</summary>
    public static int Parts(int n) => Math.Max(1, Math.Min(GemmThreads.Available, n / 4));

    /// <summary>Runs body(part, b0, b1) for each part of the batch [0, n), in parallel when there are several.</summary>
    public static void ForParts(int n, int parts, Action<int, int, int> body)
    {
        if (parts == 1) body(0, 0, n);
        else KernelThreads.For(parts, p => body(p, p * n / parts, (p + 1) * n / parts));
    }

    /// <summary>
    /// Per-step arrays (length each): from the array pool for a forward without backward (handed back at once by
    /// <see cref="ReturnStepArrays"/>), else from <see cref="RecurrentStatePool{T}"/> (handed back by the kernel's
    /// finalizer).
    /// </summary>
    public static T[][] StepArrays<T>(int steps, int length, bool pooled) where T : unmanaged
    {
        var arrays = new T[steps][];
        for (int t = 0; t < steps; t++) arrays[t] = pooled ? ArrayPool<T>.Shared.Rent(length) : RecurrentStatePool<T>.Rent(length);
        return arrays;
    }

    /// <summary>Hands pooled per-step arrays back.</summary>
    public static void ReturnStepArrays<T>(T[][] arrays) where T : unmanaged
    {
        for (int t = 0; t < arrays.Length; t++)
        {
            ArrayPool<T>.Shared.Return(arrays[t]);
            arrays[t] = [];
        }
    }

    /// <summary>
    /// z (m × g, rows g apart) = x_t·kernel + bias for sequences [b0, b0 + m) at step t: compressed rows where x is
    /// mostly zeros (sparse), the small GEMM otherwise.
    /// </summary>
    public static void ProjectStep<T>(RecurrentSparseInput<T>? sparse, ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias,
        int b0, int m, int t, int steps, int f, int g, Span<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (sparse is not null)
        {
            for (int b = 0; b < m; b++) sparse.ProjectRow((b0 + b) * steps + t, g, kernel, bias, z.Slice(b * g, g));
            return;
        }
        for (int b = 0; b < m; b++) bias.CopyTo(z.Slice(b * g, g));
        RecurrentGemm.Multiply<T>(m, g, f, x.Slice((b0 * steps + t) * f), steps * f, 1, kernel, g, z, g, accumulate: true);
    }

    /// <summary>
    /// From a step's pre-activation gradients dz (m × g) of sequences [b0, b0 + m): dk += x_tᵀ·dz, db += Σ dz and
    /// dx_t = dz·kernelᵀ (kt is kernelᵀ (g × F)); each skipped when its target is empty (kt null).
    /// </summary>
    public static void InputGradientsStep<T>(RecurrentSparseInput<T>? sparse, ReadOnlySpan<T> x, T[]? kt, ReadOnlySpan<T> dz,
        int b0, int m, int t, int steps, int f, int g, Span<T> dk, Span<T> db, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!dk.IsEmpty)
        {
            if (sparse is not null && RecurrentSparseInput<T>.AllFinite(dz))
                for (int b = 0; b < m; b++) sparse.AccumulateKernelGradient((b0 + b) * steps + t, g, dz.Slice(b * g, g), dk);
            else
                RecurrentGemm.Multiply<T>(f, g, m, x.Slice((b0 * steps + t) * f), 1, steps * f, dz, g, dk, g, accumulate: true);
        }
        if (!db.IsEmpty)
            for (int b = 0; b < m; b++) TensorPrimitives.Add<T>(db, dz.Slice(b * g, g), db);
        if (kt is not null)
            RecurrentGemm.Multiply<T>(m, f, g, dz, g, 1, kt, f, dx.Slice((b0 * steps + t) * f), steps * f, accumulate: false);
    }

    /// <summary>
    /// The weight gradients (kernel F × G, recurrent U × G, bias G) summed over the parts of a backward pass: part 0
    /// writes the outputs, the others pooled partials that <see cref="Dispose"/> adds in. Unwanted ones stay empty.
    /// </summary>
    public sealed class WeightGradients<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Memory<T> dKernel, dRecurrent, dBias;
        private readonly int parts, kernelSize, recurrentSize, biasSize, size;
        private readonly T[] partials;

        public WeightGradients(int parts, Memory<T> dKernel, Memory<T> dRecurrent, Memory<T> dBias, bool wantKernel, bool wantRecurrent, bool wantBias)
        {
            this.parts = parts;
            this.dKernel = wantKernel ? dKernel : default;
            this.dRecurrent = wantRecurrent ? dRecurrent : default;
            this.dBias = wantBias ? dBias : default;
            kernelSize = this.dKernel.Length;
            recurrentSize = this.dRecurrent.Length;
            biasSize = this.dBias.Length;
            size = kernelSize + recurrentSize + biasSize;
            partials = ArrayPool<T>.Shared.Rent(Math.Max(1, (parts - 1) * size));
        }

        /// <summary>Part p's cleared targets: dkernel, drecurrent, dbias (empty where not wanted).</summary>
        public void For(int part, out Span<T> kernel, out Span<T> recurrent, out Span<T> bias)
        {
            if (part == 0)
            {
                kernel = dKernel.Span;
                recurrent = dRecurrent.Span;
                bias = dBias.Span;
            }
            else
            {
                var s = partials.AsSpan((part - 1) * size, size);
                kernel = s.Slice(0, kernelSize);
                recurrent = s.Slice(kernelSize, recurrentSize);
                bias = s.Slice(kernelSize + recurrentSize, biasSize);
            }
            kernel.Clear();
            recurrent.Clear();
            bias.Clear();
        }

        /// <summary>Adds the other parts' sums into the outputs and returns the scratch.</summary>
        public void Dispose()
        {
            for (int p = 1; p < parts; p++)
            {
                var s = partials.AsSpan((p - 1) * size, size);
                if (kernelSize > 0) TensorPrimitives.Add<T>(dKernel.Span, s.Slice(0, kernelSize), dKernel.Span);
                if (recurrentSize > 0) TensorPrimitives.Add<T>(dRecurrent.Span, s.Slice(kernelSize, recurrentSize), dRecurrent.Span);
                if (biasSize > 0) TensorPrimitives.Add<T>(dBias.Span, s.Slice(kernelSize + recurrentSize, biasSize), dBias.Span);
            }
            ArrayPool<T>.Shared.Return(partials);
        }
    }

    /// <summary>Whether every element is +0 or −0 (compared on the bits, with SIMD).</summary>
    public static bool AllZero<T>(ReadOnlySpan<T> m) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return MemoryMarshal.Cast<T, int>(m).IndexOfAnyExcept(0, int.MinValue) < 0;
        if (typeof(T) == typeof(double)) return MemoryMarshal.Cast<T, long>(m).IndexOfAnyExcept(0L, long.MinValue) < 0;
        throw new NotSupportedException($"all_zero: {typeof(T).Name}");
    }

    /// <summary>A row-major rows×cols matrix transposed into destination (cols×rows), in register blocks.</summary>
    public static unsafe void Transpose<T>(ReadOnlySpan<T> m, int rows, int cols, Span<T> destination) where T : unmanaged
    {
        if (m.Length < rows * cols || destination.Length < rows * cols)
            throw new ArgumentException($"transpose: {rows}×{cols} needs {rows * cols} elements");
        fixed (T* src = m, dst = destination) GemmPacking.PackColumns(src, cols, rows, cols, dst, rows);
    }

    /// <summary>A pooled transpose of a row-major rows×cols matrix (cols×rows), or null when not wanted.</summary>
    public static T[]? RentTransposed<T>(ReadOnlySpan<T> m, int rows, int cols, bool want = true) where T : unmanaged
    {
        if (!want) return null;
        var t = ArrayPool<T>.Shared.Rent(rows * cols);
        Transpose(m, rows, cols, t);
        return t;
    }

    /// <summary>Returns pooled arrays (nulls skipped).</summary>
    public static void Return<T>(params T[]?[] arrays)
    {
        foreach (var a in arrays)
            if (a is not null) ArrayPool<T>.Shared.Return(a);
    }
}
