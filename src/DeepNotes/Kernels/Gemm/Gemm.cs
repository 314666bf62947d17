using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// General matrix multiply on row-major data: C = op(A) · op(B) (+ C when accumulate), where op(X) is X or
/// its transpose, A is m×k after op, B is k×n after op, and lda/ldb/ldc are row strides in elements.
/// </summary>
/// <remarks>
/// On AVX-512, small products run direct kernels that read both operands in place and write C once, with no
/// packing, scratch or threads (at a microsecond per product those fixed costs dominated): A·Bᵀ with row-major A
/// as 4×4 tiles of dot products (<see cref="GemmDotTiles{T}"/>), a row-major B as 8-row × 48-column register
/// blocks (<see cref="GemmSmallRows{T}"/>). Other vector-shaped products and small ones with a transposed B take a
/// direct SIMD path (dot products, row axpys). On AVX-512, narrow outputs over a deep k with row-major A (a Dense layer's
/// x·W with few units) run as tiles of dot products that read A once in place (<see cref="GemmDot{T}"/>), and
/// products with few rows and a row-major B (dWᵀ = dzᵀ·x) stream B in place through 10×32 kernels. Everything
/// else runs a packed, cache-blocked GEMM with a 6×64 (AVX-512) or 6×16 (AVX2) float micro-kernel, split across
/// cores over N (or M when N is narrow), or over K for skinny memory-bound shapes such as 20×12288 · 12288×209;
/// a large C from a shallow product (dA0 = W1ᵀ·dZ1, 10 MB from k = 20) is written with streaming stores.
/// </remarks>
public static class Gemm
{
    /// <summary>
    /// Transposed-B products up to this many multiply-adds, with k long enough for SIMD dot products, take the
    /// direct path (measured 2-2.7× faster than blocking at the course's 7×209 · 209×20). Everything else that
    /// is not vector-shaped is faster blocked, even at 8×8×8, as the micro-kernel beats per-row span calls.
    /// </summary>
    internal static long SmallWork = 64 * 1024;

    /// <summary>Below this many multiply-adds per thread, starting threads costs more than it saves.</summary>
    internal const long WorkPerThread = 96 * 96 * 96;

    /// <summary>Which kernel family runs (tests pin one per thread to cover the fallbacks).</summary>
    internal enum GemmIsa { Avx512, Avx2, Portable }

    /// <summary>Per-thread override of the kernel family; null picks the best the CPU supports.</summary>
    [ThreadStatic] internal static GemmIsa? ForcedIsa;

    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate)
                for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            GemmSmall.Run(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }
        long work = (long)m * n * k;
        var isa = ForcedIsa ?? (Vector512.IsHardwareAccelerated ? GemmIsa.Avx512 : Vector256.IsHardwareAccelerated ? GemmIsa.Avx2 : GemmIsa.Portable);
        if (isa == GemmIsa.Avx512 && !transA && transB && m > 2 && n > 2 && k >= 64
            && (work <= DotTilesMaxWork || ((long)m * n <= DotTilesMaxOutputs && k >= 128 && work <= DotTilesMaxDeepWork)))
        {
            // Small A·Bᵀ: both operands run along k in place, so whole 4×4 tiles of C are finished in registers.
            DotTiles(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }
        if (isa == GemmIsa.Avx512 && !transB && work <= SmallRowsMaxWork && n >= Vector512<T>.Count)
        {
            // Small with a row-major B: whole rows of C in registers, A and B read in place, no packing or threads.
            SmallRows(transA, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }
        // The direct path wins only where its span calls are long: dot products over contiguous columns of op(B)
        // (small products, or a single row/column; a few strided columns are gathered first), and row axpys for one
        // or two wide rows.
        bool columnsContiguous = transB || (n == 1 && ldb == 1);
        bool gatherable = !transA && n <= GemmSmall.NarrowColumns;
        bool dots = (columnsContiguous || gatherable) && k >= 64 && (work <= SmallWork || m <= 2 || n <= 2);
        bool axpys = !transB && m <= 2 && n >= 64;
        if (isa == GemmIsa.Portable || dots || axpys)
        {
            GemmSmall.Run(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }
        if (isa == GemmIsa.Avx512 && !transA && n <= DotMaxColumns && k >= DotMinDepth && m >= DotMinRows)
        {
            Dot(transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }
        if (isa == GemmIsa.Avx512 && !transB && m <= TallMaxRows && n >= TallMinColumns && (transA || TallRowMajorA) && FillsTallTiles(m))
            Blocked<T, Avx512TallKernels<T>>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
        else if (isa == GemmIsa.Avx512)
            Blocked<T, Avx512Kernels<T>>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
        else
            Blocked<T, Avx2Kernels<T>>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
    }

    /// <summary>Products A·Bᵀ with row-major A up to this many multiply-adds take <see cref="GemmDotTiles{T}"/>.</summary>
    internal static long DotTilesMaxWork = 64 * 1024;

    /// <summary>
    /// Larger A·Bᵀ products with few outputs over a deeper k take the dot tiles too, single-threaded up to
    /// DotTilesMaxDeepWork: measured 1.1-4.6× faster than the blocked or dot-slice paths at 7×20×2000, 16×16×1024,
    /// 100×20×209 and 20×64×209; on par at 48×48×200 and slower at 64×64×64 (the reduction then weighs).
    /// </summary>
    internal static long DotTilesMaxOutputs = 2048;

    /// <inheritdoc cref="DotTilesMaxOutputs"/>
    internal static long DotTilesMaxDeepWork = 1 << 20;

    /// <summary>
    /// Products with a row-major B up to this many multiply-adds take <see cref="GemmSmallRows{T}"/> (measured 5-40%
    /// faster than blocking from 7×209×20 up to 128×128×32, on par at 16×256×200).
    /// </summary>
    internal static long SmallRowsMaxWork = 512 * 1024;

    private static unsafe void SmallRows<T>(bool transA, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a, pb = b, pc = c)
            GemmSmallRows<T>.Run(transA, m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate);
    }

    private static unsafe void DotTiles<T>(int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a, pb = b, pc = c)
            GemmDotTiles<T>.Run(m, n, k, pa, lda, pb, ldb, pc, ldc, accumulate);
    }

    private static unsafe void Blocked<T, TKernel>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IKernelFamily<T>
    {
        long work = (long)m * n * k;
        int threads = (int)Math.Min(GemmThreads.Available, Math.Max(1, work / WorkPerThread));
        bool stream = GemmBlocked<T, TKernel>.StreamsC(m, n, k, accumulate);
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (threads == 1)
            {
                GemmBlocked<T, TKernel>.Run(transA, transB, m, 0, n, 0, k, pa, lda, pb, ldb, pc, ldc, accumulate, stream);
                return;
            }
            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
            int mr = TKernel.MR, nr = TKernel.NR, kc = GemmBlocked<T, TKernel>.KC;
            if (k >= 4 * kc && k >= 8 * ((long)m + n))
            {
                // Skinny and deep (m, n ≪ k): memory-bound on streaming A and B, so each thread takes a K
                // range with a private C and the partial products are summed at the end.
                SplitK<T>(Math.Min(threads, k / kc), m, n, k, ic, ldc, accumulate, (p0, p1, part, ldPart, add) =>
                    GemmBlocked<T, TKernel>.Run(transA, transB, m, 0, n, p0, p1, (T*)ia, lda, (T*)ib, ldb, (T*)part, ldPart, add));
                return;
            }
            if (n >= threads * nr && (n >= m || m < threads * mr * 4))
            {
                // Split N in whole panels; every thread reads all of A in place and packs only its B. With enough
                // NC-wide column blocks, hand out whole blocks (up to 4 per thread, taken as threads free up): A is
                // read once per block anyway, and a core slowed by another process then does less of the work.
                int ncBlock = GemmBlocked<T, TKernel>.NC, blocks = (n + ncBlock - 1) / ncBlock;
                int unit = blocks >= 2 * threads ? ncBlock : nr;
                int units = (n + unit - 1) / unit;
                int pieces = unit == ncBlock ? Math.Min(blocks, 4 * threads) : Math.Min(threads, units);
                GemmThreads.For(pieces, t =>
                {
                    int j0 = Math.Min(n, units * t / pieces * unit), j1 = Math.Min(n, units * (t + 1) / pieces * unit);
                    if (j1 > j0)
                        GemmBlocked<T, TKernel>.Run(transA, transB, m, j0, j1, 0, k,
                            (T*)ia, lda, (T*)ib, ldb, (T*)ic, ldc, accumulate, stream);
                });
                return;
            }
            // Taller than wide: split M in whole micro-panels, so A (read in place or packed) is never
            // handled twice; each thread packs its own copy of B, amortised over its rows.
            int rowPanels = (m + mr - 1) / mr;
            threads = Math.Min(threads, rowPanels);
            GemmThreads.For(threads, t =>
            {
                int i0 = Math.Min(m, rowPanels * t / threads * mr), i1 = Math.Min(m, rowPanels * (t + 1) / threads * mr);
                if (i1 <= i0) return;
                T* at = transA ? (T*)ia + i0 : (T*)ia + (nint)i0 * lda;
                GemmBlocked<T, TKernel>.Run(transA, transB, i1 - i0, 0, n, 0, k,
                    at, lda, (T*)ib, ldb, (T*)ic + (nint)i0 * ldc, ldc, accumulate, stream);
            });
        }
    }

    /// <summary>
    /// Products with at most this many rows stream a row-major B in place through the 10-row kernels (A is packed,
    /// either layout): each B element is loaded from memory once for all rows (see MicroKernel512Tall).
    /// </summary>
    internal static int TallMaxRows = 20;

    /// <summary>
    /// Whether m rows fill 10-row tiles better than 6-row ones (20 rows: 100% vs 83%; 12 rows: 60% vs 100%), as a
    /// partly filled tile still pays for its B loads.
    /// </summary>
    private static bool FillsTallTiles(int m) => 10 * ((m + 9) / 10) < 6 * ((m + 5) / 6);

    /// <summary>Whether a row-major A (packed by the tall path) takes it too.</summary>
    internal static bool TallRowMajorA = true;

    /// <summary>Narrower products stay on the 6×64 kernels.</summary>
    internal static int TallMinColumns = 256;

    /// <summary>
    /// Narrow outputs up to this many columns over a deep k take the dot-product path (see <see cref="GemmDot{T}"/>):
    /// measured faster for 8 to 24 columns (the 6×64 tile then fills at most 75% of its lanes), slower for 28 and 32.
    /// </summary>
    internal static int DotMaxColumns = 24;

    /// <summary>Shallower products stay blocked: each dot product ends in a horizontal sum (at k = 300 blocking won).</summary>
    internal static int DotMinDepth = 512;

    /// <summary>Fewer rows of A stay blocked: packing op(B)'s columns would cost as much as the product.</summary>
    internal static int DotMinRows = 8;

    /// <summary>Each thread of a K-split dot product gets at least this much depth; shallower ones split M.</summary>
    internal const int DotSplitDepth = 2048;

    private static unsafe void Dot<T>(bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long work = (long)m * n * k;
        int threads = (int)Math.Min(GemmThreads.Available, Math.Max(1, work / WorkPerThread));
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (threads == 1)
            {
                GemmDot<T>.Run(transB, m, n, 0, k, pa, lda, pb, ldb, pc, ldc, accumulate);
                return;
            }
            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
            if (k >= threads * DotSplitDepth)
            {
                // Deep: each thread streams its K range of A once and keeps its slice of op(B) in L2.
                SplitK<T>(threads, m, n, k, ic, ldc, accumulate, (p0, p1, part, ldPart, add) =>
                    GemmDot<T>.Run(transB, m, n, p0, p1, (T*)ia, lda, (T*)ib, ldb, (T*)part, ldPart, add));
                return;
            }
            threads = Math.Min(threads, (m + 7) / 8);
            GemmThreads.For(threads, t =>
            {
                int i0 = m * t / threads, i1 = m * (t + 1) / threads;
                if (i1 > i0)
                    GemmDot<T>.Run(transB, i1 - i0, n, 0, k, (T*)ia + (nint)i0 * lda, lda, (T*)ib, ldb, (T*)ic + (nint)i0 * ldc, ldc, accumulate);
            });
        }
    }

    /// <summary>One thread's share of a K-split product: C' (+)= op(A)[:, p0..p1] · op(B)[p0..p1, :] into c with row stride ldc.</summary>
    private delegate void KRangeBody(int p0, int p1, nint c, int ldc, bool accumulate);

    /// <summary>
    /// Runs body over `threads` K ranges: the first writes C (accumulating when asked), the others private partial
    /// products that are then added to C.
    /// </summary>
    private static unsafe void SplitK<T>(int threads, int m, int n, int k, nint c, int ldc, bool accumulate, KRangeBody body)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int chunk = (k + threads - 1) / threads;
        // The partial sums live in the caller's scratch: a pool thread's own scratch could be reused
        // by another caller's GEMM before this one sums it.
        nint partials = (nint)PackBuffer<T>.PartialC((threads - 1) * m * n);
        GemmThreads.For(threads, t =>
        {
            int p0 = t * chunk, p1 = Math.Min(k, p0 + chunk);
            if (t == 0)
            {
                body(p0, p1, c, ldc, accumulate);
                return;
            }
            T* part = (T*)partials + (nint)(t - 1) * m * n;
            if (p1 > p0) body(p0, p1, (nint)part, n, false);
            else new Span<T>(part, m * n).Clear();
        });
        for (int t = 1; t < threads; t++)
            for (int i = 0; i < m; i++)
            {
                var row = new Span<T>((T*)c + (nint)i * ldc, n);
                TensorPrimitives.Add(row, new ReadOnlySpan<T>((T*)partials + ((nint)(t - 1) * m + i) * n, n), row);
            }
    }

    private static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"gemm: negative size m={m}, n={n}, k={k}");
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        Check("A", aRows, aCols, aLength, lda);
        Check("B", bRows, bCols, bLength, ldb);
        Check("C", m, n, cLength, ldc);

        static void Check(string name, int rows, int cols, int length, int ld)
        {
            if (rows == 0 || cols == 0) return;
            if (ld < cols)
                throw new ArgumentException($"gemm: leading dimension of {name} is {ld}, smaller than its {cols} columns");
            long needed = (long)(rows - 1) * ld + cols;
            if (length < needed)
                throw new ArgumentException($"gemm: {name} is {rows}×{cols} with leading dimension {ld} and needs {needed} elements, got {length}");
        }
    }
}
