namespace DeepNotes.Kernels;

/// <summary>
/// The cache-blocked GEMM loop nest (Goto/BLIS style) for one thread's share of the work:
/// for each NC-wide column block and KC-deep slice, B is packed once into an L2-resident block, then every
/// MR-row micro-panel of A (read in place when row-major, packed when transposed) sweeps the packed panels
/// while it stays in L1.
/// </summary>
internal static unsafe class GemmBlocked<T, TKernel>
    where T : unmanaged
    where TKernel : IKernelFamily<T>
{
    /// <summary>Depth of a K slice: 2 KiB of one A row, so an A micro-panel (MR rows) sits in L1.</summary>
    public static int KC => KcBytes / sizeof(T);

    /// <summary>KC in bytes (tunable for experiments).</summary>
    internal static int KcBytes = 2048;

    /// <summary>Width of a packed B block: KC × NC elements = 512 KiB, half of a Zen 5 core's L2.</summary>
    public static int NC { get; internal set; } = 256;

    /// <summary>Up to this many rows of C, row-major B is read in place rather than packed.</summary>
    internal static int InPlaceBMaxRows = 48;

    /// <summary>Largest B (bytes) read in place: about what stays cached between calls (L2 plus a share of L3).</summary>
    internal const long InPlaceBMaxBytes = 2 << 20;

    /// <summary>
    /// Whether rows this many bytes apart land in many different L1 sets (64 sets of 64-byte lines, 4 KiB a way).
    /// Rows a multiple of 4 KiB apart (the 12288 floats of a flattened 64×64×3 image) all share one set, and a
    /// few L2 sets, so a panel read in place is evicted before the next row tile reads it again: pack it instead.
    /// </summary>
    internal static bool RowsSpreadOverCacheSets(nint rowBytes)
    {
        if (rowBytes % 64 != 0) return true;   // rows straddle lines at shifting offsets
        long lines = rowBytes / 64 % 64;
        return lines != 0 && 64 / (lines & -lines) >= 32;   // sets visited = 64 / gcd(lines, 64)
    }

    /// <summary>
    /// A C larger than this (bytes), written once (no accumulate, one K slice), is streamed to memory: streaming
    /// stores skip the read-for-ownership of every line, which is half the memory traffic of a shallow product
    /// (dA0 = W1ᵀ·dZ1 writes 10 MB from a 20-deep product). Above the 4 MB (float) column buffers of the convolution
    /// kernels (1M elements, 8 MB in float64), which are read right back and should stay in cache.
    /// </summary>
    internal static long StreamCThresholdBytes = 8 << 20;

    /// <summary>Whether a whole m×n product (not a thread's share) should stream its C.</summary>
    public static bool StreamsC(int m, int n, int k, bool accumulate) =>
        !accumulate && k <= KC && (long)m * n * sizeof(T) > StreamCThresholdBytes && StreamingStore.IsSupported;

    /// <summary>
    /// Up to this depth a transposed A is read in place (MR contiguous values per k step, from as many cache lines
    /// as steps) rather than packed: the lines stay in L1 across the row's panels.
    /// </summary>
    internal static int InPlaceATransposedMaxDepth = 32;

    /// <summary>
    /// C[0..m, j0..j1] (+)= op(A)[0..m, p0..p1] · op(B)[p0..p1, j0..j1]. C's columns are absolute, so
    /// threads splitting N pass disjoint [j0, j1) ranges of the same C. streamC: the whole product's C is large and
    /// written once (see <see cref="StreamsC"/>), so a single-slice share of it goes to memory with streaming stores.
    /// </summary>
    public static void Run(bool transA, bool transB, int m, int j0, int j1, int p0, int p1,
        T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate, bool streamC = false)
    {
        // A row-major B streams in place when one kernel covers all rows: one row tile, or up to 20 rows through the
        // 20-row kernel (two tiles would read B twice, and its rows may share cache sets).
        if (TKernel.StreamsB && !transB && m > TKernel.MR && m <= MicroKernel512Rows20<T>.Rows)
        {
            GemmRows20<T>.Run(transA, m, j0, j1, p0, p1, a, lda, b, ldb, c, ldc, accumulate, KC);
            return;
        }
        if (TKernel.StreamsB && !transB && m <= TKernel.MR)
        {
            RunStreamingB(transA, m, j0, j1, p0, p1, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }
        int mrMax = TKernel.MR, nr = TKernel.NR, lanes = TKernel.Lanes, kcMax = KC, ncMax = NC;
        // With few rows of A, packing B costs an extra pass over it for little reuse: the kernel then reads B's
        // rows in place (each k step is NR contiguous values) and only the ragged last panel is packed. That wins
        // (15-35% measured) only while B is cache-resident; a B streaming from DRAM is faster packed, because the
        // sequential copy keeps more misses in flight than the kernel's strided reads.
        bool bInPlace = !transB && m <= InPlaceBMaxRows && (long)(p1 - p0) * (j1 - j0) * sizeof(T) <= InPlaceBMaxBytes
                        && RowsSpreadOverCacheSets(ldb * sizeof(T));
        // A large C written once goes through L1 tiles (MR-row stripes) and on to memory with streaming stores.
        bool stream = streamC && !accumulate && p1 - p0 <= kcMax && StreamingStore.IsSupported;
        bool aInPlace = transA && p1 - p0 <= InPlaceATransposedMaxDepth;
        T* bp = PackBuffer<T>.B(kcMax * ncMax);
        T* ap = transA && !aInPlace ? PackBuffer<T>.A(mrMax * kcMax) : null;
        // Two stripe tiles: while the kernels fill one, the other (the previous stripe) is streamed out a share after
        // each kernel call, so the streaming stores drain alongside the arithmetic instead of in bursts.
        T* tile = stream ? PackBuffer<T>.CTile(2 * mrMax * ncMax) : null;
        T* pendingSrc = null, pendingDst = null;
        nint pendingLength = 0, pendingDone = 0, share = 0;
        for (int jc = j0; jc < j1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, j1 - jc);
            for (int pc = p0; pc < p1; pc += kcMax)
            {
                int kc = Math.Min(kcMax, p1 - pc);
                bool add = accumulate || pc > p0;
                int fullPanels = bInPlace ? nc / nr : 0;
                if (!bInPlace) GemmPacking.PackB(transB, b, ldb, pc, kc, jc, nc, nr, lanes, bp);
                else if (nc > fullPanels * nr) GemmPacking.PackB(false, b, ldb, pc, kc, jc + fullPanels * nr, nc - fullPanels * nr, nr, lanes, bp);
                for (int ir = 0; ir < m; ir += mrMax)
                {
                    int mr = Math.Min(mrMax, m - ir);
                    T* panel;
                    nint rs, cs;
                    if (aInPlace)
                    {
                        panel = a + pc * lda + ir;
                        rs = 1;
                        cs = lda;
                    }
                    else if (transA)
                    {
                        GemmPacking.PackATransposed(a, lda, ir, mr, pc, kc, mrMax, ap);
                        panel = ap;
                        rs = 1;
                        cs = mrMax;
                    }
                    else
                    {
                        panel = a + ir * lda + pc;
                        rs = lda;
                        cs = 1;
                    }
                    T* stripe = stream ? tile + (ir / mrMax % 2) * (nint)mrMax * ncMax : null;
                    T* cRow = stream ? stripe : c + ir * ldc + jc;
                    nint ldr = stream ? nc : ldc;
                    var kernel = TKernel.Select(mr, nr);
                    int jr = 0;
                    for (int q = 0; q < fullPanels; q++, jr += nr)
                    {
                        kernel(kc, panel, rs, cs, b + pc * ldb + jc + jr, ldb, cRow + jr, ldr, nr, add);
                        if (pendingDone < pendingLength) pendingDone = StreamPart(pendingDst, pendingSrc, pendingLength, pendingDone, share);
                    }
                    for (T* bPanel = bp; jr < nc; jr += nr, bPanel += (nint)kc * nr)
                    {
                        int width = Math.Min(nr, nc - jr);
                        var edge = width == nr ? kernel : TKernel.Select(mr, width);
                        edge(kc, panel, rs, cs, bPanel, GemmPacking.PanelStride(width, nr, lanes), cRow + jr, ldr, width, add);
                        if (pendingDone < pendingLength) pendingDone = StreamPart(pendingDst, pendingSrc, pendingLength, pendingDone, share);
                    }
                    if (!stream) continue;
                    if (pendingDone < pendingLength) StreamPart(pendingDst, pendingSrc, pendingLength, pendingDone, pendingLength);
                    if (ldc == nc)
                    {
                        // Contiguous rows: this stripe is one range, streamed during the next stripe's kernels.
                        pendingSrc = stripe;
                        pendingDst = c + ir * ldc + jc;
                        pendingLength = (nint)mr * nc;
                        pendingDone = 0;
                        share = (pendingLength + (nc + nr - 1) / nr - 1) / ((nc + nr - 1) / nr);
                    }
                    else
                        for (int r = 0; r < mr; r++) StreamingStore.Copy(c + (ir + r) * ldc + jc, stripe + (nint)r * nc, nc);
                }
                if (pendingDone < pendingLength) StreamPart(pendingDst, pendingSrc, pendingLength, pendingDone, pendingLength);
                pendingLength = pendingDone = 0;
            }
        }
        if (stream) StreamingStore.Fence();
    }

    /// <summary>
    /// Streams src[from..to) to dst, to = from + amount moved on to a 64-byte boundary of dst (or count), so only
    /// the range's own ends are partial lines; returns to.
    /// </summary>
    private static nint StreamPart(T* dst, T* src, nint count, nint from, nint amount)
    {
        nint to = Math.Min(count, from + amount);
        nint misalign = (nint)((nuint)(dst + to) & 63) / sizeof(T);
        if (to < count && misalign != 0) to = Math.Min(count, to + 64 / sizeof(T) - misalign);
        StreamingStore.Copy(dst + from, src + from, to - from);
        return to;
    }

    /// <summary>
    /// The loop for kernels that stream a row-major B in place, for one row tile (m ≤ MR): A is packed once per K slice,
    /// then each B panel is read from memory once and never copied (11–20 rows take <see cref="GemmRows20{T}"/>).
    /// </summary>
    private static void RunStreamingB(bool transA, int m, int j0, int j1, int p0, int p1,
        T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate)
    {
        int mr = TKernel.MR, nr = TKernel.NR, lanes = TKernel.Lanes, kcMax = KC;
        T* ap = PackBuffer<T>.A(mr * kcMax);
        T* bp = PackBuffer<T>.B(kcMax * nr);
        int n = j1 - j0, fullPanels = n / nr, width = n - fullPanels * nr;
        for (int pc = p0; pc < p1; pc += kcMax)
        {
            int kc = Math.Min(kcMax, p1 - pc);
            bool add = accumulate || pc > p0;
            if (transA) GemmPacking.PackATransposed(a, lda, 0, m, pc, kc, mr, ap);
            else GemmPacking.PackARows(a, lda, 0, m, pc, kc, mr, ap);
            T* bRows = b + pc * ldb;
            var kernel = TKernel.Select(m, nr);
            for (int q = 0; q < fullPanels; q++)
                kernel(kc, ap, 1, mr, bRows + j0 + q * nr, ldb, c + j0 + q * nr, ldc, nr, add);
            if (width > 0)
            {
                // The ragged last panel is packed (zero-padded to whole vectors) so no load runs past B.
                int jr = j0 + fullPanels * nr;
                GemmPacking.PackB(false, b, ldb, pc, kc, jr, width, nr, lanes, bp);
                TKernel.Select(m, width)(kc, ap, 1, mr, bp, GemmPacking.PanelStride(width, nr, lanes), c + jr, ldc, width, add);
            }
        }
    }
}
