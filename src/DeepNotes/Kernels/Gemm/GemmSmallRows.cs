using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// The direct path for small products with a row-major B (Z2 = W2·A1, 7×20 · 20×209): rows of C in blocks of up
/// to 8, each swept in panels of 3 vectors (48 floats, 24 doubles) by <see cref="SmallKernel512{T, TRows, TCols}"/>,
/// which reads A (either layout) and B in place over the whole k and writes C directly. No packing, scratch or
/// threads: at a microsecond per product, the blocked path's packed edge panel and extra passes over B for a
/// seventh row cost as much as the arithmetic.
/// </summary>
internal static unsafe class GemmSmallRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows per kernel call.</summary>
    private const int MaxRows = 8;

    /// <summary>Vectors per kernel call.</summary>
    private const int MaxVectors = 3;

    // [rows - 1, vectors - 1]
    private static readonly delegate*<int, T*, nint, nint, T*, nint, T*, nint, int, bool, void>[] Kernels =
    [
        &SmallKernel512<T, N1, N1>.Run, &SmallKernel512<T, N1, N2>.Run, &SmallKernel512<T, N1, N3>.Run,
        &SmallKernel512<T, N2, N1>.Run, &SmallKernel512<T, N2, N2>.Run, &SmallKernel512<T, N2, N3>.Run,
        &SmallKernel512<T, N3, N1>.Run, &SmallKernel512<T, N3, N2>.Run, &SmallKernel512<T, N3, N3>.Run,
        &SmallKernel512<T, N4, N1>.Run, &SmallKernel512<T, N4, N2>.Run, &SmallKernel512<T, N4, N3>.Run,
        &SmallKernel512<T, N5, N1>.Run, &SmallKernel512<T, N5, N2>.Run, &SmallKernel512<T, N5, N3>.Run,
        &SmallKernel512<T, N6, N1>.Run, &SmallKernel512<T, N6, N2>.Run, &SmallKernel512<T, N6, N3>.Run,
        &SmallKernel512<T, N7, N1>.Run, &SmallKernel512<T, N7, N2>.Run, &SmallKernel512<T, N7, N3>.Run,
        &SmallKernel512<T, N8, N1>.Run, &SmallKernel512<T, N8, N2>.Run, &SmallKernel512<T, N8, N3>.Run,
    ];

    /// <summary>C[0..m, 0..n] (+)= op(A)[0..m, 0..k] · B[0..k, 0..n] for row-major B (row strides lda, ldb, ldc).</summary>
    public static void Run(bool transA, int m, int n, int k, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate)
    {
        int lanes = Vector512<T>.Count, panel = MaxVectors * lanes;
        nint rs = transA ? 1 : lda, cs = transA ? lda : 1;
        // Balanced row blocks (12 rows: 6 + 6, not 8 + 4), so every block keeps enough independent accumulators.
        int blocks = (m + MaxRows - 1) / MaxRows;
        for (int t = 0; t < blocks; t++)
        {
            int i0 = m * t / blocks, rows = m * (t + 1) / blocks - i0;
            for (int j0 = 0; j0 < n; j0 += panel)
            {
                int width = Math.Min(panel, n - j0);
                Kernels[(rows - 1) * MaxVectors + (width + lanes - 1) / lanes - 1](
                    k, a + i0 * rs, rs, cs, b + j0, ldb, c + i0 * ldc + j0, ldc, width, accumulate);
            }
        }
    }
}
