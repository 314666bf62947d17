using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.NN;

/// <summary>
/// A recurrent input (rows × F) with few non-zeros (one-hot characters or notes, the course's usual sequence input)
/// in compressed rows: the input products x·kernel and xᵀ·dG then add a few kernel rows per input row instead of
/// multiplying by zeros (for one-hot rows a gather and a scatter instead of two GEMMs).
/// The results are those of the dense products, which add exact zeros, as long as the other operand is finite
/// (0 · ∞ is NaN): callers check that and fall back to the GEMM otherwise.
/// </summary>
internal sealed class RecurrentSparseInput<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] rowStart; // rows + 1
    private readonly int[] cols;
    private readonly T[] values;

    private RecurrentSparseInput(int[] rowStart, int[] cols, T[] values)
    {
        this.rowStart = rowStart;
        this.cols = cols;
        this.values = values;
    }

    /// <summary>The compressed rows of x, or null when more than one element in 8 is non-zero (the GEMM is faster then).</summary>
    public static RecurrentSparseInput<T>? TryCreate(ReadOnlySpan<T> x, int rows, int f)
    {
        int limit = (int)Math.Min((long)rows * f / 8, int.MaxValue - 1);
        // The flat positions of the non-zeros, found a vector at a time; the search compares bits, so −0 counts as
        // non-zero (harmless).
        var found = ArrayPool<int>.Shared.Rent(limit + 1);
        try
        {
            int count = typeof(T) == typeof(float) ? NonZeros(MemoryMarshal.Cast<T, int>(x), found, limit)
                : typeof(T) == typeof(double) ? NonZeros(MemoryMarshal.Cast<T, long>(x), found, limit)
                : NonZerosScalar(x, found, limit);
            if (count > limit) return null;
            var rowStart = new int[rows + 1];
            var cols = new int[count];
            var values = new T[count];
            int row = 0;
            for (int k = 0; k < count; k++)
            {
                int at = found[k], r = at / f;
                while (row < r) rowStart[++row] = k;
                cols[k] = at - r * f;
                values[k] = x[at];
            }
            while (row < rows) rowStart[++row] = count;
            return new RecurrentSparseInput<T>(rowStart, cols, values);
        }
        finally { ArrayPool<int>.Shared.Return(found); }
    }

    // Writes the positions of the elements whose bits are not all zero into found, in order; stops at limit + 1.
    private static int NonZeros<TBits>(ReadOnlySpan<TBits> x, int[] found, int limit) where TBits : unmanaged, IBinaryInteger<TBits>
    {
        int n = x.Length, count = 0, i = 0, w = Vector512<TBits>.Count;
        ref TBits xr = ref MemoryMarshal.GetReference(x);
        if (Vector512.IsHardwareAccelerated)
            for (; i + w <= n; i += w)
            {
                ulong mask = ~Vector512.Equals(Vector512.LoadUnsafe(ref xr, (nuint)i), Vector512<TBits>.Zero).ExtractMostSignificantBits()
                    & (w == 64 ? ulong.MaxValue : (1UL << w) - 1);
                for (; mask != 0; mask &= mask - 1)
                {
                    found[count++] = i + BitOperations.TrailingZeroCount(mask);
                    if (count > limit) return count;
                }
            }
        for (; i < n; i++)
            if (Unsafe.Add(ref xr, i) != TBits.Zero)
            {
                found[count++] = i;
                if (count > limit) return count;
            }
        return count;
    }

    private static int NonZerosScalar(ReadOnlySpan<T> x, int[] found, int limit)
    {
        int count = 0;
        for (int i = 0; i < x.Length; i++)
            if (x[i] != T.Zero)
            {
                found[count++] = i;
                if (count > limit) return count;
            }
        return count;
    }

    /// <summary>Whether every element is finite (the sparse products match the dense ones only then).</summary>
    public static bool AllFinite(ReadOnlySpan<T> m) => T.IsFinite(TensorPrimitives.Sum(m));

    /// <summary>z (g) = row r of x · kernel (F × g) + bias.</summary>
    public void ProjectRow(int r, int g, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> z)
    {
        int k = rowStart[r], end = rowStart[r + 1];
        if (k == end)
        {
            bias.CopyTo(z);
            return;
        }
        // The first kernel row is added to the bias on the way into z (one pass for one-hot rows).
        for (ReadOnlySpan<T> acc = bias; k < end; k++, acc = z)
        {
            var kr = kernel.Slice(cols[k] * g, g);
            if (values[k] == T.One) TensorPrimitives.Add<T>(acc, kr, z);
            else TensorPrimitives.MultiplyAdd<T>(kr, values[k], acc, z);
        }
    }

    /// <summary>
    /// Row r of x as one kernel row: its column when it holds exactly one non-zero equal to 1 (a one-hot row), −1
    /// when it is all zeros, −2 otherwise (then <see cref="AddRow"/> adds its product).
    /// </summary>
    public int OneHotColumn(int r)
    {
        int k = rowStart[r], end = rowStart[r + 1];
        if (k == end) return -1;
        return end - k == 1 && values[k] == T.One ? cols[k] : -2;
    }

    /// <summary>z (g) += row r of x · kernel (F × g).</summary>
    public void AddRow(int r, int g, ReadOnlySpan<T> kernel, Span<T> z)
    {
        for (int k = rowStart[r]; k < rowStart[r + 1]; k++)
        {
            var kr = kernel.Slice(cols[k] * g, g);
            if (values[k] == T.One) TensorPrimitives.Add<T>(z, kr, z);
            else TensorPrimitives.MultiplyAdd<T>(kr, values[k], z, z);
        }
    }

    /// <summary>dKernel (F × g) += (row r of x)ᵀ · dz (g).</summary>
    public void AccumulateKernelGradient(int r, int g, ReadOnlySpan<T> dz, Span<T> dKernel)
    {
        for (int k = rowStart[r]; k < rowStart[r + 1]; k++)
        {
            var dk = dKernel.Slice(cols[k] * g, g);
            if (values[k] == T.One) AddInto(dz, dk);
            else TensorPrimitives.MultiplyAdd<T>(dz, values[k], dk, dk);
        }
    }

    // destination += source with the vectors in line (a span call per one-hot row cost as much as its few vectors).
    private static void AddInto(ReadOnlySpan<T> source, Span<T> destination)
    {
        int n = source.Length, i = 0, w = Vector512<T>.Count;
        ref T s = ref MemoryMarshal.GetReference(source);
        ref T d = ref MemoryMarshal.GetReference(destination);
        if (destination.Length < n) throw new ArgumentException("add: destination is shorter than the source");
        if (Vector512.IsHardwareAccelerated)
            for (; i + w <= n; i += w)
                (Vector512.LoadUnsafe(ref d, (nuint)i) + Vector512.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref d, i) += Unsafe.Add(ref s, i);
    }
}
