using System.Numerics;

namespace DeepNotes.Kernels;

/// <summary>
/// The direct path for small products C = A·Bᵀ with row-major A (dW2 = dZ2·A1ᵀ, 7×209 · 209×20): A's rows and B's
/// rows are both contiguous along k, so C is cut into 4×4 tiles, each a <see cref="DotTileKernel512{T, TRows, TCols}"/>
/// call that reads its operands in place and writes its finished outputs. No validation beyond the caller's, no
/// packing, no scratch, no threads: at a microsecond per product the fixed costs of the other paths dominated.
/// </summary>
internal static unsafe class GemmDotTiles<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // [rows - 1, cols - 1]
    private static readonly delegate*<int, T*, nint, T*, nint, T*, nint, bool, void>[] Kernels =
    [
        &DotTileKernel512<T, N1, N1>.Run, &DotTileKernel512<T, N1, N2>.Run, &DotTileKernel512<T, N1, N3>.Run, &DotTileKernel512<T, N1, N4>.Run,
        &DotTileKernel512<T, N2, N1>.Run, &DotTileKernel512<T, N2, N2>.Run, &DotTileKernel512<T, N2, N3>.Run, &DotTileKernel512<T, N2, N4>.Run,
        &DotTileKernel512<T, N3, N1>.Run, &DotTileKernel512<T, N3, N2>.Run, &DotTileKernel512<T, N3, N3>.Run, &DotTileKernel512<T, N3, N4>.Run,
        &DotTileKernel512<T, N4, N1>.Run, &DotTileKernel512<T, N4, N2>.Run, &DotTileKernel512<T, N4, N3>.Run, &DotTileKernel512<T, N4, N4>.Run,
    ];

    /// <summary>C[0..m, 0..n] (+)= A[0..m, 0..k] · B[0..n, 0..k]ᵀ (row strides lda, ldb, ldc).</summary>
    public static void Run(int m, int n, int k, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate)
    {
        for (int i0 = 0; i0 < m; i0 += 4)
        {
            int rows = Math.Min(4, m - i0);
            for (int j0 = 0; j0 < n; j0 += 4)
                Kernels[(rows - 1) * 4 + Math.Min(4, n - j0) - 1](k, a + i0 * lda, lda, b + j0 * ldb, ldb, c + i0 * ldc + j0, ldc, accumulate);
        }
    }
}
