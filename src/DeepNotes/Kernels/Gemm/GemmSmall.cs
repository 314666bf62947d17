using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// The low-overhead GEMM for small or vector-shaped products: no packing, no threads, SIMD along the
/// contiguous axis (row axpys when B's rows are contiguous, dot products when B is transposed).
/// Also the portable path when the CPU has no usable SIMD.
/// </summary>
internal static class GemmSmall
{
    public static void Run<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool columnsContiguous = transB || (n == 1 && ldb == 1);
        if (!columnsContiguous && !(n <= NarrowColumns && !transA))
        {
            // C[i, :] += A[i, p] · B[p, :], streaming B's rows.
            for (int i = 0; i < m; i++)
            {
                var row = c.Slice(i * ldc, n);
                if (!accumulate) row.Clear();
                for (int p = 0; p < k; p++)
                {
                    T aip = transA ? a[p * lda + i] : a[i * lda + p];
                    TensorPrimitives.MultiplyAdd(b.Slice(p * ldb, n), aip, row, row);
                }
            }
            return;
        }
        if (!columnsContiguous)
        {
            // A few strided columns of B: gather each once, then dot it with every (contiguous) row of A.
            Span<T> column = k <= 1024 ? stackalloc T[k] : new T[k];
            for (int j = 0; j < n; j++)
            {
                for (int p = 0; p < k; p++) column[p] = b[p * ldb + j];
                for (int i = 0; i < m; i++)
                {
                    T dot = TensorPrimitives.Dot(a.Slice(i * lda, k), column);
                    ref T cij = ref c[i * ldc + j];
                    cij = accumulate ? cij + dot : dot;
                }
            }
            return;
        }
        // op(B)'s columns are contiguous (transB, or a single column with unit stride): dot products.
        int colStride = transB ? ldb : 1;
        // A transposed: gather each row of op(A) once so the dot products run on contiguous data.
        Span<T> aRow = !transA ? Span<T>.Empty : k <= 1024 ? stackalloc T[k] : new T[k];
        for (int i = 0; i < m; i++)
        {
            if (transA)
                for (int p = 0; p < k; p++) aRow[p] = a[p * lda + i];
            ReadOnlySpan<T> ai = transA ? aRow : a.Slice(i * lda, k);
            var row = c.Slice(i * ldc, n);
            int j = 0;
            if (Vector512.IsHardwareAccelerated && k >= Vector512<T>.Count)
                for (; j + 4 <= n; j += 4)
                    Dot4(ai, b.Slice(j * colStride), colStride, k, row.Slice(j, 4), accumulate);
            for (; j < n; j++)
            {
                T dot = k == 0 ? T.Zero : TensorPrimitives.Dot(ai, b.Slice(j * colStride, k));
                row[j] = accumulate ? row[j] + dot : dot;
            }
        }
    }

    /// <summary>
    /// Four dot products of x with the rows b[t·stride ..][..k], t = 0..3, sharing each load of x (one call
    /// instead of four, and four independent accumulator chains). Requires k ≥ one vector.
    /// </summary>
    private static void Dot4<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> b, int stride, int k, Span<T> result, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T pb = ref MemoryMarshal.GetReference(b);
        nint s = stride, l = Vector512<T>.Count;
        Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default;
        nint p = 0;
        for (; p + l <= k; p += l)
        {
            var v = Vector512.LoadUnsafe(ref px, (nuint)p);
            s0 = SimdMath.Fma(v, Vector512.LoadUnsafe(ref pb, (nuint)p), s0);
            s1 = SimdMath.Fma(v, Vector512.LoadUnsafe(ref pb, (nuint)(s + p)), s1);
            s2 = SimdMath.Fma(v, Vector512.LoadUnsafe(ref pb, (nuint)(2 * s + p)), s2);
            s3 = SimdMath.Fma(v, Vector512.LoadUnsafe(ref pb, (nuint)(3 * s + p)), s3);
        }
        if (p < k)
        {
            // The ragged end: reload the last whole vector and keep only the lanes not yet summed.
            nint q = k - l;
            var keep = Vector512.GreaterThanOrEqual(Vector512<long>.Indices, Vector512.Create((long)(p - q)));
            var mask = typeof(T) == typeof(float)
                ? Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(p - q))).As<int, T>()
                : keep.As<long, T>();
            var v = Vector512.LoadUnsafe(ref px, (nuint)q) & mask;
            s0 = SimdMath.Fma(v, Vector512.LoadUnsafe(ref pb, (nuint)q), s0);
            s1 = SimdMath.Fma(v, Vector512.LoadUnsafe(ref pb, (nuint)(s + q)), s1);
            s2 = SimdMath.Fma(v, Vector512.LoadUnsafe(ref pb, (nuint)(2 * s + q)), s2);
            s3 = SimdMath.Fma(v, Vector512.LoadUnsafe(ref pb, (nuint)(3 * s + q)), s3);
        }
        T d0 = Vector512.Sum(s0), d1 = Vector512.Sum(s1), d2 = Vector512.Sum(s2), d3 = Vector512.Sum(s3);
        if (accumulate)
        {
            d0 += result[0];
            d1 += result[1];
            d2 += result[2];
            d3 += result[3];
        }
        result[0] = d0;
        result[1] = d1;
        result[2] = d2;
        result[3] = d3;
    }

    /// <summary>Up to this many strided columns of B are gathered for dot products instead of row axpys.</summary>
    public const int NarrowColumns = 4;
}
