using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>
/// Packing of GEMM operands into the micro-kernel's layouts. Transposed operands are read in their stored
/// layout and transposed on the fly (8×8 float / 4×4 double register transposes), never copied whole.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>How many rows ahead PackB prefetches row-major B (0 disables).</summary>
    internal static int PrefetchRowsAhead = 8;

    /// <summary>
    /// Packs op(B)[pc..pc+kc, jc..jc+nc] into panels of nr columns: panel q starts at q·kc·nr and holds kc rows
    /// of nr values. The ragged last panel's rows are only EdgeStride(width) apart (its width rounded up to whole
    /// vectors, zero-padded), so narrow matrices do not pay for a full-width panel.
    /// op(B)[p, j] is b[p·ldb + j], or b[j·ldb + p] when transposed.
    /// </summary>
    public static void PackB<T>(bool transB, T* b, nint ldb, int pc, int kc, int jc, int nc, int nr, int lanes, T* dst)
        where T : unmanaged
    {
        if (transB) PackBTransposed(b, ldb, pc, kc, jc, nc, nr, lanes, dst);
        else PackBRows(b, ldb, pc, kc, jc, nc, nr, lanes, dst);
    }

    /// <summary>Row stride of a packed panel holding width ≤ nr columns.</summary>
    public static int PanelStride(int width, int nr, int lanes) => width >= nr ? nr : (width + lanes - 1) / lanes * lanes;

    private static void PackBRows<T>(T* b, nint ldb, int pc, int kc, int jc, int nc, int nr, int lanes, T* dst) where T : unmanaged
    {
        int full = nc / nr, rest = nc - full * nr, restStride = PanelStride(rest, nr, lanes);
        nint panel = (nint)kc * nr;
        int ahead = PrefetchRowsAhead;
        int lineElements = 64 / sizeof(T);
        for (int p = 0; p < kc; p++)
        {
            // Read each source row once, left to right, scattering it over the panels.
            T* src = b + (pc + p) * ldb + jc;
            if (ahead > 0 && Sse.IsSupported)
            {
                // B usually streams from DRAM here: ask for rows a few steps ahead so misses overlap the copy.
                T* next = src + ahead * ldb;
                for (int j = 0; j < nc; j += lineElements) Sse.Prefetch0(next + j);
            }
            T* d = dst + (nint)p * nr;
            for (int q = 0; q < full; q++)
                CopyRow(d + q * panel, src + (nint)q * nr, nr, nr, lanes);
            if (rest > 0)
                CopyRow(dst + full * panel + (nint)p * restStride, src + (nint)full * nr, rest, restStride, lanes);
        }
    }

    /// <summary>
    /// Copies count values and zero-fills up to stride (a multiple of lanes) with whole vectors; the ragged
    /// vector is a masked load, so nothing past count is read. Inline vector code: a memmove call per row
    /// would cost as much as the copy for the short rows of small matrices.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow<T>(T* dst, T* src, int count, int stride, int lanes) where T : unmanaged
    {
        int j = 0;
        if (lanes == Vector512<T>.Count && Vector512.IsHardwareAccelerated)
        {
            for (; j + lanes <= count; j += lanes) Vector512.Store(Vector512.Load(src + j), dst + j);
            if (j < count)
            {
                Vector512.Store(SimdMath.MaskLoad(src + j, SimdMath.FirstLanes512<T>(count - j)), dst + j);
                j += lanes;
            }
            for (; j < stride; j += lanes) Vector512.Store(Vector512<T>.Zero, dst + j);
            return;
        }
        if (lanes == Vector256<T>.Count && Avx.IsSupported)
        {
            for (; j + lanes <= count; j += lanes) Vector256.Store(Vector256.Load(src + j), dst + j);
            if (j < count)
            {
                Vector256.Store(SimdMath.MaskLoad(src + j, SimdMath.FirstLanes256<T>(count - j)), dst + j);
                j += lanes;
            }
            for (; j < stride; j += lanes) Vector256.Store(Vector256<T>.Zero, dst + j);
            return;
        }
        for (; j < count; j++) dst[j] = src[j];
        for (; j < stride; j++) dst[j] = default;
    }

    private static void PackBTransposed<T>(T* b, nint ldb, int pc, int kc, int jc, int nc, int nr, int lanes, T* dst) where T : unmanaged
    {
        // op(B)[p, j] = b[j·ldb + p]: source rows are output columns. Transpose w×w blocks in registers.
        int w = Avx.IsSupported ? (typeof(T) == typeof(float) ? 8 : 4) : 1;
        nint panel = (nint)kc * nr;
        for (int j0 = 0; j0 < nc; j0 += nr)
        {
            int cols = Math.Min(nr, nc - j0);
            int stride = PanelStride(cols, nr, lanes);
            T* pd = dst + (j0 / nr) * panel;
            int jj = 0;
            for (; jj + w <= cols && w > 1; jj += w)
            {
                T* src = b + (nint)(jc + j0 + jj) * ldb + pc;
                if (PrefetchRowsAhead > 0 && Sse.IsSupported)
                {
                    // Source rows are read w at a time, each across kc values: prefetch the group after next.
                    T* next = src + 2 * w * ldb;
                    for (int t = 0; t < w; t++)
                        for (int q = 0; q < kc; q += 64 / sizeof(T)) Sse.Prefetch0(next + t * ldb + q);
                }
                int p = 0;
                for (; p + w <= kc; p += w)
                {
                    if (typeof(T) == typeof(float)) Transpose8x8((float*)(src + p), ldb, (float*)(pd + (nint)p * stride + jj), stride);
                    else Transpose4x4((double*)(src + p), ldb, (double*)(pd + (nint)p * stride + jj), stride);
                }
                for (; p < kc; p++)
                    for (int t = 0; t < w; t++) pd[(nint)p * stride + jj + t] = src[t * ldb + p];
            }
            for (; jj < cols; jj++)
            {
                T* src = b + (nint)(jc + j0 + jj) * ldb + pc;
                for (int p = 0; p < kc; p++) pd[(nint)p * stride + jj] = src[p];
            }
            if (cols < stride)
                for (int p = 0; p < kc; p++) new Span<T>(pd + (nint)p * stride + cols, stride - cols).Clear();
        }
    }

    /// <summary>
    /// Transposes a rows×cols row-major block: dst[j·ldd + p] = src[p·lds + j], in 8×8 (float) or 4×4 (double)
    /// register blocks, so each column of src becomes a contiguous row of dst.
    /// </summary>
    public static void PackColumns<T>(T* src, nint lds, int rows, int cols, T* dst, nint ldd) where T : unmanaged
    {
        int w = Avx.IsSupported ? (typeof(T) == typeof(float) ? 8 : 4) : 1;
        int p = 0;
        for (; p + w <= rows && w > 1; p += w)
        {
            int j = 0;
            for (; j + w <= cols; j += w)
            {
                if (typeof(T) == typeof(float)) Transpose8x8((float*)(src + p * lds + j), lds, (float*)(dst + j * ldd + p), ldd);
                else Transpose4x4((double*)(src + p * lds + j), lds, (double*)(dst + j * ldd + p), ldd);
            }
            for (; j < cols; j++)
                for (int t = 0; t < w; t++) dst[j * ldd + p + t] = src[(p + t) * lds + j];
        }
        for (; p < rows; p++)
            for (int j = 0; j < cols; j++) dst[j * ldd + p] = src[p * lds + j];
    }

    /// <summary>dst[c·ldd + r] = src[r·lds + c] for an 8×8 float block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint lds, float* dst, nint ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2 * lds);
        var r3 = Avx.LoadVector256(src + 3 * lds);
        var r4 = Avx.LoadVector256(src + 4 * lds);
        var r5 = Avx.LoadVector256(src + 5 * lds);
        var r6 = Avx.LoadVector256(src + 6 * lds);
        var r7 = Avx.LoadVector256(src + 7 * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>dst[c·ldd + r] = src[r·lds + c] for a 4×4 double block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(double* src, nint lds, double* dst, nint ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2 * lds);
        var r3 = Avx.LoadVector256(src + 3 * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(t1, t3, 0x31));
    }

    /// <summary>
    /// Packs a row-major A micro-panel in the same layout: op(A)[ir+r, pc+p] = a[(ir+r)·lda + pc + p] goes to
    /// dst[p·mrMax + r], zero rows past mr. Reads each row contiguously.
    /// </summary>
    public static void PackARows<T>(T* a, nint lda, int ir, int mr, int pc, int kc, int mrMax, T* dst) where T : unmanaged
    {
        for (int r = 0; r < mr; r++)
        {
            T* src = a + (ir + r) * lda + pc;
            for (int p = 0; p < kc; p++) dst[p * mrMax + r] = src[p];
        }
        for (int r = mr; r < mrMax; r++)
            for (int p = 0; p < kc; p++) dst[p * mrMax + r] = default;
    }

    /// <summary>
    /// Packs a transposed A micro-panel: op(A)[ir+r, pc+p] = a[(pc+p)·lda + ir + r] goes to dst[p·mrMax + r],
    /// zero rows past mr. Each step copies mr contiguous values, so this is a cheap strided copy.
    /// </summary>
    public static void PackATransposed<T>(T* a, nint lda, int ir, int mr, int pc, int kc, int mrMax, T* dst) where T : unmanaged
    {
        T* src = a + (nint)pc * lda + ir;
        if (mr == mrMax)
        {
            for (int p = 0; p < kc; p++, src += lda, dst += mrMax)
                for (int r = 0; r < mrMax; r++) dst[r] = src[r];
            return;
        }
        for (int p = 0; p < kc; p++, src += lda, dst += mrMax)
        {
            int r = 0;
            for (; r < mr; r++) dst[r] = src[r];
            for (; r < mrMax; r++) dst[r] = default;
        }
    }
}
