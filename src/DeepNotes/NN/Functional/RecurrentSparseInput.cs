using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

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
        int limit = (int)Math.Min((long)rows * f / 8, int.MaxValue);
        var rowStart = new int[rows + 1];
        var cols = new List<int>();
        var values = new List<T>();
        // Runs of zeros are skipped with SIMD; the search compares bits, so −0 counts as non-zero (harmless).
        int at = 0, row = 0;
        while (true)
        {
            int next = NextNonZero(x.Slice(at));
            if (next < 0) break;
            at += next;
            if (cols.Count == limit) return null;
            int r = at / f;
            while (row < r) rowStart[++row] = cols.Count;
            cols.Add(at - r * f);
            values.Add(x[at]);
            at++;
        }
        while (row < rows) rowStart[++row] = cols.Count;
        return new RecurrentSparseInput<T>(rowStart, [.. cols], [.. values]);
    }

    // On the bits (float and double equality is not bitwise, which would make the search scalar).
    private static int NextNonZero(ReadOnlySpan<T> x)
    {
        if (typeof(T) == typeof(float)) return MemoryMarshal.Cast<T, int>(x).IndexOfAnyExcept(0);
        if (typeof(T) == typeof(double)) return MemoryMarshal.Cast<T, long>(x).IndexOfAnyExcept(0L);
        return x.IndexOfAnyExcept(T.Zero);
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
            if (values[k] == T.One) TensorPrimitives.Add<T>(dk, dz, dk);
            else TensorPrimitives.MultiplyAdd<T>(dz, values[k], dk, dk);
        }
    }
}
