using System.Numerics;
using System.Numerics.Tensors;

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
            for (int j = 0; j < n; j++)
            {
                T dot = k == 0 ? T.Zero : TensorPrimitives.Dot(ai, b.Slice(j * colStride, k));
                row[j] = accumulate ? row[j] + dot : dot;
            }
        }
    }

    /// <summary>Up to this many strided columns of B are gathered for dot products instead of row axpys.</summary>
    public const int NarrowColumns = 4;
}
