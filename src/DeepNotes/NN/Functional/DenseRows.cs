using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>
/// Dense's per-row bias work on a row-major (rows × cols) matrix: the bias added to every row (forward) and the
/// column sums (its gradient). A span call per row cost more than the arithmetic for the narrow heads of sequence
/// models (90 columns, thousands of rows); here the bias or the sums stay in registers across rows. Each element
/// sees the same additions in the same order as the row-by-row loop (the sums run down the rows).
/// </summary>
internal static class DenseRows
{
    private const int ParallelElements = 1 << 16;

    /// <summary>y[r, :] += b for every row r (in parallel for large matrices).</summary>
    public static void AddBias<T>(Span<T> y, int rows, int cols, ReadOnlySpan<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows == 0 || cols == 0) return;
        if (y.Length < rows * cols || b.Length < cols) throw new ArgumentException($"dense: bias ({b.Length}) for a {rows}×{cols} output of {y.Length} elements");
        int parts = (long)rows * cols >= ParallelElements ? Math.Min(GemmThreads.Available, rows) : 1;
        if (parts <= 1)
        {
            AddBiasRows(ref MemoryMarshal.GetReference(y), rows, cols, ref MemoryMarshal.GetReference(b));
            return;
        }
        unsafe
        {
            fixed (T* py = y, pb = b)
            {
                nint yp = (nint)py, bp = (nint)pb;
                KernelThreads.For(parts, p =>
                {
                    int r0 = rows * p / parts, r1 = rows * (p + 1) / parts;
                    AddBiasRows(ref Unsafe.AsRef<T>((T*)yp + (nint)r0 * cols), r1 - r0, cols, ref Unsafe.AsRef<T>((T*)bp));
                });
            }
        }
    }

    private static void AddBiasRows<T>(ref T y, int rows, int cols, ref T b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count, j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 4 * w <= cols; j += 4 * w)
            {
                var b0 = Vector512.LoadUnsafe(ref b, (nuint)j);
                var b1 = Vector512.LoadUnsafe(ref b, (nuint)(j + w));
                var b2 = Vector512.LoadUnsafe(ref b, (nuint)(j + 2 * w));
                var b3 = Vector512.LoadUnsafe(ref b, (nuint)(j + 3 * w));
                for (int r = 0; r < rows; r++)
                {
                    ref T row = ref Unsafe.Add(ref y, (nint)r * cols + j);
                    (Vector512.LoadUnsafe(ref row) + b0).StoreUnsafe(ref row);
                    (Vector512.LoadUnsafe(ref row, (nuint)w) + b1).StoreUnsafe(ref row, (nuint)w);
                    (Vector512.LoadUnsafe(ref row, (nuint)(2 * w)) + b2).StoreUnsafe(ref row, (nuint)(2 * w));
                    (Vector512.LoadUnsafe(ref row, (nuint)(3 * w)) + b3).StoreUnsafe(ref row, (nuint)(3 * w));
                }
            }
            for (; j + w <= cols; j += w)
            {
                var bv = Vector512.LoadUnsafe(ref b, (nuint)j);
                for (int r = 0; r < rows; r++)
                {
                    ref T row = ref Unsafe.Add(ref y, (nint)r * cols + j);
                    (Vector512.LoadUnsafe(ref row) + bv).StoreUnsafe(ref row);
                }
            }
        }
        for (int r = 0; r < rows && j < cols; r++)
        {
            ref T row = ref Unsafe.Add(ref y, (nint)r * cols);
            for (int q = j; q < cols; q++) Unsafe.Add(ref row, q) += Unsafe.Add(ref b, q);
        }
    }

    /// <summary>sums[j] = Σ_r a[r, j], summed from row 0 down (sums is overwritten).</summary>
    public static void ColumnSums<T>(ReadOnlySpan<T> a, int rows, int cols, Span<T> sums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Length < (long)rows * cols || sums.Length < cols) throw new ArgumentException($"dense: column sums of a {rows}×{cols} matrix of {a.Length} elements into {sums.Length}");
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T s = ref MemoryMarshal.GetReference(sums);
        int w = Vector512<T>.Count, j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 4 * w <= cols; j += 4 * w)
            {
                Vector512<T> s0 = Vector512<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (int r = 0; r < rows; r++)
                {
                    ref T row = ref Unsafe.Add(ref ar, (nint)r * cols + j);
                    s0 += Vector512.LoadUnsafe(ref row);
                    s1 += Vector512.LoadUnsafe(ref row, (nuint)w);
                    s2 += Vector512.LoadUnsafe(ref row, (nuint)(2 * w));
                    s3 += Vector512.LoadUnsafe(ref row, (nuint)(3 * w));
                }
                s0.StoreUnsafe(ref s, (nuint)j);
                s1.StoreUnsafe(ref s, (nuint)(j + w));
                s2.StoreUnsafe(ref s, (nuint)(j + 2 * w));
                s3.StoreUnsafe(ref s, (nuint)(j + 3 * w));
            }
            for (; j + w <= cols; j += w)
            {
                var sv = Vector512<T>.Zero;
                for (int r = 0; r < rows; r++) sv += Vector512.LoadUnsafe(ref ar, (nuint)((nint)r * cols + j));
                sv.StoreUnsafe(ref s, (nuint)j);
            }
        }
        for (int q = j; q < cols; q++) Unsafe.Add(ref s, q) = T.Zero;
        for (int r = 0; r < rows && j < cols; r++)
        {
            ref T row = ref Unsafe.Add(ref ar, (nint)r * cols);
            for (int q = j; q < cols; q++) Unsafe.Add(ref s, q) += Unsafe.Add(ref row, q);
        }
    }
}
