// Generated pattern: rows and columns are compile-time constants per instantiation, so the JIT drops the
// unused accumulators and branches and each edge tile gets an exactly-sized kernel.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// AVX-512 dot-product micro-kernel for <see cref="GemmDot{T}"/>: up to 5 rows of A × 4 columns of op(B), both
/// contiguous along k, as 20 vector accumulators of partial sums (5+4 loads per 20 FMAs, every lane useful).
/// </summary>
[SkipLocalsInit]
internal static unsafe class DotKernel512<T, TRows, TCols>
    where T : unmanaged
    where TRows : struct, IConstant
    where TCols : struct, IConstant
{
    /// <summary>
    /// acc[r·accStride + j] += a[r·lda + head..kc] ⊙ b[j·ldb + head..kc] lane-wise, for r &lt; TRows and j &lt; TCols
    /// (horizontal sums are left to the caller). The caller moves a and b back by head elements so that A's loads
    /// are aligned (a split cache line costs a second load); the skipped head and a ragged end of kc are read with
    /// masked loads, which never touch memory outside the range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, int head, T* a, nint lda, T* b, nint ldb, Vector512<T>* acc, nint accStride)
    {
        int rows = TRows.Value, cols = TCols.Value;
        nint l = Vector512<T>.Count;
        T* a0 = a + 0 * lda, a1 = a + 1 * lda, a2 = a + 2 * lda, a3 = a + 3 * lda, a4 = a + 4 * lda;
        T* b0 = b + 0 * ldb, b1 = b + 1 * ldb, b2 = b + 2 * ldb, b3 = b + 3 * ldb;
        var c00 = acc[0 * accStride + 0];
        var c01 = cols > 1 ? acc[0 * accStride + 1] : default;
        var c02 = cols > 2 ? acc[0 * accStride + 2] : default;
        var c03 = cols > 3 ? acc[0 * accStride + 3] : default;
        var c10 = rows > 1 ? acc[1 * accStride + 0] : default;
        var c11 = rows > 1 && cols > 1 ? acc[1 * accStride + 1] : default;
        var c12 = rows > 1 && cols > 2 ? acc[1 * accStride + 2] : default;
        var c13 = rows > 1 && cols > 3 ? acc[1 * accStride + 3] : default;
        var c20 = rows > 2 ? acc[2 * accStride + 0] : default;
        var c21 = rows > 2 && cols > 1 ? acc[2 * accStride + 1] : default;
        var c22 = rows > 2 && cols > 2 ? acc[2 * accStride + 2] : default;
        var c23 = rows > 2 && cols > 3 ? acc[2 * accStride + 3] : default;
        var c30 = rows > 3 ? acc[3 * accStride + 0] : default;
        var c31 = rows > 3 && cols > 1 ? acc[3 * accStride + 1] : default;
        var c32 = rows > 3 && cols > 2 ? acc[3 * accStride + 2] : default;
        var c33 = rows > 3 && cols > 3 ? acc[3 * accStride + 3] : default;
        var c40 = rows > 4 ? acc[4 * accStride + 0] : default;
        var c41 = rows > 4 && cols > 1 ? acc[4 * accStride + 1] : default;
        var c42 = rows > 4 && cols > 2 ? acc[4 * accStride + 2] : default;
        var c43 = rows > 4 && cols > 3 ? acc[4 * accStride + 3] : default;
        nint p = 0;
        if (head > 0)
        {
            var mask = SimdMath.FirstLanes512<T>(Math.Min(kc, (int)l)) & ~SimdMath.FirstLanes512<T>(head);
            var x0 = SimdMath.MaskLoad(a0 + p, mask);
            var x1 = rows > 1 ? SimdMath.MaskLoad(a1 + p, mask) : default;
            var x2 = rows > 2 ? SimdMath.MaskLoad(a2 + p, mask) : default;
            var x3 = rows > 3 ? SimdMath.MaskLoad(a3 + p, mask) : default;
            var x4 = rows > 4 ? SimdMath.MaskLoad(a4 + p, mask) : default;
            var y0 = SimdMath.MaskLoad(b0 + p, mask);
            c00 = SimdMath.Fma(x0, y0, c00);
            if (rows > 1) c10 = SimdMath.Fma(x1, y0, c10);
            if (rows > 2) c20 = SimdMath.Fma(x2, y0, c20);
            if (rows > 3) c30 = SimdMath.Fma(x3, y0, c30);
            if (rows > 4) c40 = SimdMath.Fma(x4, y0, c40);
            if (cols > 1)
            {
                var y1 = SimdMath.MaskLoad(b1 + p, mask);
                c01 = SimdMath.Fma(x0, y1, c01);
                if (rows > 1) c11 = SimdMath.Fma(x1, y1, c11);
                if (rows > 2) c21 = SimdMath.Fma(x2, y1, c21);
                if (rows > 3) c31 = SimdMath.Fma(x3, y1, c31);
                if (rows > 4) c41 = SimdMath.Fma(x4, y1, c41);
            }
            if (cols > 2)
            {
                var y2 = SimdMath.MaskLoad(b2 + p, mask);
                c02 = SimdMath.Fma(x0, y2, c02);
                if (rows > 1) c12 = SimdMath.Fma(x1, y2, c12);
                if (rows > 2) c22 = SimdMath.Fma(x2, y2, c22);
                if (rows > 3) c32 = SimdMath.Fma(x3, y2, c32);
                if (rows > 4) c42 = SimdMath.Fma(x4, y2, c42);
            }
            if (cols > 3)
            {
                var y3 = SimdMath.MaskLoad(b3 + p, mask);
                c03 = SimdMath.Fma(x0, y3, c03);
                if (rows > 1) c13 = SimdMath.Fma(x1, y3, c13);
                if (rows > 2) c23 = SimdMath.Fma(x2, y3, c23);
                if (rows > 3) c33 = SimdMath.Fma(x3, y3, c33);
                if (rows > 4) c43 = SimdMath.Fma(x4, y3, c43);
            }
            p = l;
        }
        for (; p + l <= kc; p += l)
        {
            var x0 = Vector512.Load(a0 + p);
            var x1 = rows > 1 ? Vector512.Load(a1 + p) : default;
            var x2 = rows > 2 ? Vector512.Load(a2 + p) : default;
            var x3 = rows > 3 ? Vector512.Load(a3 + p) : default;
            var x4 = rows > 4 ? Vector512.Load(a4 + p) : default;
            var y0 = Vector512.Load(b0 + p);
            c00 = SimdMath.Fma(x0, y0, c00);
            if (rows > 1) c10 = SimdMath.Fma(x1, y0, c10);
            if (rows > 2) c20 = SimdMath.Fma(x2, y0, c20);
            if (rows > 3) c30 = SimdMath.Fma(x3, y0, c30);
            if (rows > 4) c40 = SimdMath.Fma(x4, y0, c40);
            if (cols > 1)
            {
                var y1 = Vector512.Load(b1 + p);
                c01 = SimdMath.Fma(x0, y1, c01);
                if (rows > 1) c11 = SimdMath.Fma(x1, y1, c11);
                if (rows > 2) c21 = SimdMath.Fma(x2, y1, c21);
                if (rows > 3) c31 = SimdMath.Fma(x3, y1, c31);
                if (rows > 4) c41 = SimdMath.Fma(x4, y1, c41);
            }
            if (cols > 2)
            {
                var y2 = Vector512.Load(b2 + p);
                c02 = SimdMath.Fma(x0, y2, c02);
                if (rows > 1) c12 = SimdMath.Fma(x1, y2, c12);
                if (rows > 2) c22 = SimdMath.Fma(x2, y2, c22);
                if (rows > 3) c32 = SimdMath.Fma(x3, y2, c32);
                if (rows > 4) c42 = SimdMath.Fma(x4, y2, c42);
            }
            if (cols > 3)
            {
                var y3 = Vector512.Load(b3 + p);
                c03 = SimdMath.Fma(x0, y3, c03);
                if (rows > 1) c13 = SimdMath.Fma(x1, y3, c13);
                if (rows > 2) c23 = SimdMath.Fma(x2, y3, c23);
                if (rows > 3) c33 = SimdMath.Fma(x3, y3, c33);
                if (rows > 4) c43 = SimdMath.Fma(x4, y3, c43);
            }
        }
        if (p < kc)
        {
            var mask = SimdMath.FirstLanes512<T>((int)(kc - p));
            var x0 = SimdMath.MaskLoad(a0 + p, mask);
            var x1 = rows > 1 ? SimdMath.MaskLoad(a1 + p, mask) : default;
            var x2 = rows > 2 ? SimdMath.MaskLoad(a2 + p, mask) : default;
            var x3 = rows > 3 ? SimdMath.MaskLoad(a3 + p, mask) : default;
            var x4 = rows > 4 ? SimdMath.MaskLoad(a4 + p, mask) : default;
            var y0 = SimdMath.MaskLoad(b0 + p, mask);
            c00 = SimdMath.Fma(x0, y0, c00);
            if (rows > 1) c10 = SimdMath.Fma(x1, y0, c10);
            if (rows > 2) c20 = SimdMath.Fma(x2, y0, c20);
            if (rows > 3) c30 = SimdMath.Fma(x3, y0, c30);
            if (rows > 4) c40 = SimdMath.Fma(x4, y0, c40);
            if (cols > 1)
            {
                var y1 = SimdMath.MaskLoad(b1 + p, mask);
                c01 = SimdMath.Fma(x0, y1, c01);
                if (rows > 1) c11 = SimdMath.Fma(x1, y1, c11);
                if (rows > 2) c21 = SimdMath.Fma(x2, y1, c21);
                if (rows > 3) c31 = SimdMath.Fma(x3, y1, c31);
                if (rows > 4) c41 = SimdMath.Fma(x4, y1, c41);
            }
            if (cols > 2)
            {
                var y2 = SimdMath.MaskLoad(b2 + p, mask);
                c02 = SimdMath.Fma(x0, y2, c02);
                if (rows > 1) c12 = SimdMath.Fma(x1, y2, c12);
                if (rows > 2) c22 = SimdMath.Fma(x2, y2, c22);
                if (rows > 3) c32 = SimdMath.Fma(x3, y2, c32);
                if (rows > 4) c42 = SimdMath.Fma(x4, y2, c42);
            }
            if (cols > 3)
            {
                var y3 = SimdMath.MaskLoad(b3 + p, mask);
                c03 = SimdMath.Fma(x0, y3, c03);
                if (rows > 1) c13 = SimdMath.Fma(x1, y3, c13);
                if (rows > 2) c23 = SimdMath.Fma(x2, y3, c23);
                if (rows > 3) c33 = SimdMath.Fma(x3, y3, c33);
                if (rows > 4) c43 = SimdMath.Fma(x4, y3, c43);
            }
        }
        acc[0 * accStride + 0] = c00;
        if (cols > 1) acc[0 * accStride + 1] = c01;
        if (cols > 2) acc[0 * accStride + 2] = c02;
        if (cols > 3) acc[0 * accStride + 3] = c03;
        if (rows > 1) acc[1 * accStride + 0] = c10;
        if (rows > 1 && cols > 1) acc[1 * accStride + 1] = c11;
        if (rows > 1 && cols > 2) acc[1 * accStride + 2] = c12;
        if (rows > 1 && cols > 3) acc[1 * accStride + 3] = c13;
        if (rows > 2) acc[2 * accStride + 0] = c20;
        if (rows > 2 && cols > 1) acc[2 * accStride + 1] = c21;
        if (rows > 2 && cols > 2) acc[2 * accStride + 2] = c22;
        if (rows > 2 && cols > 3) acc[2 * accStride + 3] = c23;
        if (rows > 3) acc[3 * accStride + 0] = c30;
        if (rows > 3 && cols > 1) acc[3 * accStride + 1] = c31;
        if (rows > 3 && cols > 2) acc[3 * accStride + 2] = c32;
        if (rows > 3 && cols > 3) acc[3 * accStride + 3] = c33;
        if (rows > 4) acc[4 * accStride + 0] = c40;
        if (rows > 4 && cols > 1) acc[4 * accStride + 1] = c41;
        if (rows > 4 && cols > 2) acc[4 * accStride + 2] = c42;
        if (rows > 4 && cols > 3) acc[4 * accStride + 3] = c43;
    }
}
