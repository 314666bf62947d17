using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// GEMM for narrow outputs over a deep k with row-major A, such as a Dense layer's x·W with few units
/// (209×12288 · 12288×20): C[i, j] is the dot product of A's row i and op(B)'s column j, both contiguous along k
/// (op(B)'s columns are B's rows when transposed, else a transposed copy of a k-slice of B, which is small here).
/// A, the large operand, is then read once, in place, with no packing, and every vector lane does useful work,
/// where the broadcast micro-kernel would fill only n of its 64 columns.
/// </summary>
internal static unsafe class GemmDot<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of A per tile.</summary>
    private const int TileRows = 5;

    /// <summary>Columns of C (rows of op(B)ᵀ) per tile.</summary>
    private const int TileCols = 4;

    /// <summary>
    /// k per slice of op(B): n × Block values (768 KiB for 24 float columns) stay in L2 while every row tile of A
    /// streams past them, each tile's dot products running over the whole slice in registers (one horizontal sum per
    /// output and slice; measured 7% faster than 1024-deep passes carrying partial sums through memory).
    /// </summary>
    internal static int Block = 32768 / sizeof(T);

    // [rows - 1, cols - 1]
    private static readonly delegate*<int, int, T*, nint, T*, nint, Vector512<T>*, nint, void>[] Kernels =
    [
        &DotKernel512<T, N1, N1>.Run, &DotKernel512<T, N1, N2>.Run, &DotKernel512<T, N1, N3>.Run, &DotKernel512<T, N1, N4>.Run,
        &DotKernel512<T, N2, N1>.Run, &DotKernel512<T, N2, N2>.Run, &DotKernel512<T, N2, N3>.Run, &DotKernel512<T, N2, N4>.Run,
        &DotKernel512<T, N3, N1>.Run, &DotKernel512<T, N3, N2>.Run, &DotKernel512<T, N3, N3>.Run, &DotKernel512<T, N3, N4>.Run,
        &DotKernel512<T, N4, N1>.Run, &DotKernel512<T, N4, N2>.Run, &DotKernel512<T, N4, N3>.Run, &DotKernel512<T, N4, N4>.Run,
        &DotKernel512<T, N5, N1>.Run, &DotKernel512<T, N5, N2>.Run, &DotKernel512<T, N5, N3>.Run, &DotKernel512<T, N5, N4>.Run,
    ];

    /// <summary>
    /// C[0..m, 0..n] (+)= A[0..m, p0..p1] · op(B)[p0..p1, 0..n] for row-major A; op(B)[p, j] is b[j·ldb + p] when
    /// transB, else b[p·ldb + j]. Uses the calling thread's scratch.
    /// </summary>
    public static void Run(bool transB, int m, int n, int p0, int p1, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate)
    {
        var acc = (Vector512<T>*)PackBuffer<T>.A(TileRows * n * Vector512<T>.Count);
        for (int q0 = p0; q0 < p1; q0 += Block)
        {
            // One L2-sized slice of op(B) at a time: every row tile of A sweeps it, then the dot products are summed
            // into C, so the slice is read from L2 rather than L3 however deep k is.
            int depth = Math.Min(Block, p1 - q0);
            T* bt;
            nint ldbt;
            if (transB)
            {
                bt = b + q0;
                ldbt = ldb;
            }
            else
            {
                // op(B)'s columns for this slice, each contiguous: n × depth values, placed at A's alignment so that
                // both operands' loads are aligned together.
                int lanes = Vector512<T>.Count;
                ldbt = (depth + lanes - 1) / lanes * lanes + lanes;
                bt = PackBuffer<T>.B((int)(n * ldbt) + lanes) + Head(a + q0);
                GemmPacking.PackColumns(b + q0 * ldb, ldb, depth, n, bt, ldbt);
            }
            RunSlice(m, n, depth, a + q0, lda, bt, ldbt, c, ldc, accumulate || q0 > p0, acc);
        }
    }

    /// <summary>How many elements p sits past the last 64-byte boundary.</summary>
    private static int Head(T* p) => (int)(((nint)p & 63) / sizeof(T));

    private static void RunSlice(int m, int n, int depth, T* a, nint lda, T* bt, nint ldbt, T* c, nint ldc, bool accumulate, Vector512<T>* acc)
    {
        for (int i0 = 0; i0 < m; i0 += TileRows)
        {
            int rows = Math.Min(TileRows, m - i0);
            new Span<Vector512<T>>(acc, rows * n).Clear();
            T* aRows = a + i0 * lda;
            int head = Head(aRows);
            for (int j0 = 0; j0 < n; j0 += TileCols)
            {
                int cols = Math.Min(TileCols, n - j0);
                Kernels[(rows - 1) * TileCols + cols - 1](depth + head, head, aRows - head, lda, bt + j0 * ldbt - head, ldbt, acc + j0, n);
            }
            for (int r = 0; r < rows; r++)
            {
                T* cRow = c + (i0 + r) * ldc;
                for (int j = 0; j < n; j++)
                {
                    T sum = Vector512.Sum(acc[r * n + j]);
                    cRow[j] = accumulate ? cRow[j] + sum : sum;
                }
            }
        }
    }
}
