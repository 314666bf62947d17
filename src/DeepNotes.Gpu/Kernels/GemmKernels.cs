using ILGPU;

namespace DeepNotes.Gpu.Kernels;

/// <summary>Sizes and strides of one batched GEMM C = A·B; A and B may be transposed or broadcast views.</summary>
internal struct GemmArgs
{
    public int M, N, K;
    /// <summary>Threads per side of the group; the block of C is 4·Side square.</summary>
    public int Side;
    public int ARowStride, AColStride, BRowStride, BColStride;
    /// <summary>Offsets of each batch's A and B (batch index → element offset).</summary>
    public Layout ABatch, BBatch;
}

/// <summary>
/// Tiled shared-memory GEMM: a group of side² threads (side = 16 on GPUs: 256 threads) computes a (4·side)² block
/// of C, staging (4·side)×16 panels of A and 16×(4·side) panels of B in shared memory; each thread accumulates a
/// 4×4 register tile with rows ty + side·i and columns tx + side·j (so a warp's shared loads hit distinct banks
/// and its stores to C are contiguous). Grid: (column blocks, row blocks, batches).
/// </summary>
internal static class GemmKernels
{
    public const int MaxBlock = 64, Depth = 16;

    /// <summary>Threads per side of the group for a group-size limit (16 → 64×64 blocks on GPUs).</summary>
    public static int Side(int maxThreads) => maxThreads >= 256 ? 16 : maxThreads >= 64 ? 8 : 4;

    public static void Gemm<T, TNum>(ArrayView<T> a, ArrayView<T> b, ArrayView<T> c, GemmArgs g)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        var sa = SharedMemory.Allocate<T>(Depth * MaxBlock);   // [k][row]
        var sb = SharedMemory.Allocate<T>(Depth * MaxBlock);   // [k][col]
        int threads = Group.DimX;
        int side = g.Side, Block = 4 * side;
        int tid = Group.IdxX;
        int tx = tid % side, ty = tid / side;
        int row0 = Grid.IdxY * Block, col0 = Grid.IdxX * Block;
        int batch = Grid.IdxZ;
        int aBase = g.ABatch.At(batch), bBase = g.BBatch.At(batch);
        int cBase = batch * g.M * g.N;

        T c00 = n.Zero, c01 = n.Zero, c02 = n.Zero, c03 = n.Zero;
        T c10 = n.Zero, c11 = n.Zero, c12 = n.Zero, c13 = n.Zero;
        T c20 = n.Zero, c21 = n.Zero, c22 = n.Zero, c23 = n.Zero;
        T c30 = n.Zero, c31 = n.Zero, c32 = n.Zero, c33 = n.Zero;

        for (int k0 = 0; k0 < g.K; k0 += Depth)
        {
            for (int e = tid; e < Depth * Block; e += threads)
            {
                // A panel: consecutive threads walk k (row-major A) ...
                int r = e / Depth, kk = e % Depth;
                int gr = row0 + r, gk = k0 + kk;
                sa[kk * Block + r] = gr < g.M && gk < g.K ? a[aBase + gr * g.ARowStride + gk * g.AColStride] : n.Zero;
                // ... B panel: consecutive threads walk columns.
                int kb = e / Block, cc = e % Block;
                int gkb = k0 + kb, gc = col0 + cc;
                sb[kb * Block + cc] = gkb < g.K && gc < g.N ? b[bBase + gkb * g.BRowStride + gc * g.BColStride] : n.Zero;
            }
            Group.Barrier();
            for (int kk = 0; kk < Depth; kk++)
            {
                int ka = kk * Block + ty, kb = kk * Block + tx;
                T a0 = sa[ka], a1 = sa[ka + side], a2 = sa[ka + 2 * side], a3 = sa[ka + 3 * side];
                T b0 = sb[kb], b1 = sb[kb + side], b2 = sb[kb + 2 * side], b3 = sb[kb + 3 * side];
                c00 = n.Add(c00, n.Mul(a0, b0)); c01 = n.Add(c01, n.Mul(a0, b1)); c02 = n.Add(c02, n.Mul(a0, b2)); c03 = n.Add(c03, n.Mul(a0, b3));
                c10 = n.Add(c10, n.Mul(a1, b0)); c11 = n.Add(c11, n.Mul(a1, b1)); c12 = n.Add(c12, n.Mul(a1, b2)); c13 = n.Add(c13, n.Mul(a1, b3));
                c20 = n.Add(c20, n.Mul(a2, b0)); c21 = n.Add(c21, n.Mul(a2, b1)); c22 = n.Add(c22, n.Mul(a2, b2)); c23 = n.Add(c23, n.Mul(a2, b3));
                c30 = n.Add(c30, n.Mul(a3, b0)); c31 = n.Add(c31, n.Mul(a3, b1)); c32 = n.Add(c32, n.Mul(a3, b2)); c33 = n.Add(c33, n.Mul(a3, b3));
            }
            Group.Barrier();
        }

        Store(c, cBase, g, row0 + ty, col0 + tx, c00, c01, c02, c03);
        Store(c, cBase, g, row0 + ty + side, col0 + tx, c10, c11, c12, c13);
        Store(c, cBase, g, row0 + ty + 2 * side, col0 + tx, c20, c21, c22, c23);
        Store(c, cBase, g, row0 + ty + 3 * side, col0 + tx, c30, c31, c32, c33);
    }

    private static void Store<T>(ArrayView<T> c, int cBase, GemmArgs g, int row, int col, T v0, T v1, T v2, T v3) where T : unmanaged
    {
        if (row >= g.M) return;
        int off = cBase + row * g.N;
        int side = g.Side;
        if (col < g.N) c[off + col] = v0;
        if (col + side < g.N) c[off + col + side] = v1;
        if (col + 2 * side < g.N) c[off + col + 2 * side] = v2;
        if (col + 3 * side < g.N) c[off + col + 3 * side] = v3;
    }
}
