// Generated pattern: rows and vector columns are compile-time constants per instantiation, so the JIT drops the
// unused accumulators and branches and each edge tile gets an exactly-sized kernel.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// AVX-512 kernel for the direct small-product path: up to 8 rows × 3 Vector512 columns (8×48 floats) = 24
/// accumulators, so a product with up to 8 rows loads each B vector once per k step for all its rows. A and a
/// row-major B are both read in place (the last B vector with a masked load, so a ragged edge needs no packed
/// copy) and C is written directly.
/// </summary>
[SkipLocalsInit]
internal static unsafe class SmallKernel512<T, TRows, TCols>
    where T : unmanaged
    where TRows : struct, IConstant
    where TCols : struct, IConstant
{
    /// <summary>
    /// C[0..TRows, 0..nr] (+)= A·B over k steps. A's element (r, p) is a[r·rs + p·cs]; B's row p is b + p·ldb, of
    /// which nr values (in ((TCols-1)·lanes, TCols·lanes]) are read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int k, T* a, nint rs, nint cs, T* b, nint ldb, T* c, nint ldc, int nr, bool accumulate)
    {
        nint l = Vector512<T>.Count;
        int rows = TRows.Value, cols = TCols.Value;
        var mask = SimdMath.FirstLanes512<T>(nr - (cols - 1) * (int)l);
        var c00 = Vector512<T>.Zero; var c01 = Vector512<T>.Zero; var c02 = Vector512<T>.Zero;
        var c10 = Vector512<T>.Zero; var c11 = Vector512<T>.Zero; var c12 = Vector512<T>.Zero;
        var c20 = Vector512<T>.Zero; var c21 = Vector512<T>.Zero; var c22 = Vector512<T>.Zero;
        var c30 = Vector512<T>.Zero; var c31 = Vector512<T>.Zero; var c32 = Vector512<T>.Zero;
        var c40 = Vector512<T>.Zero; var c41 = Vector512<T>.Zero; var c42 = Vector512<T>.Zero;
        var c50 = Vector512<T>.Zero; var c51 = Vector512<T>.Zero; var c52 = Vector512<T>.Zero;
        var c60 = Vector512<T>.Zero; var c61 = Vector512<T>.Zero; var c62 = Vector512<T>.Zero;
        var c70 = Vector512<T>.Zero; var c71 = Vector512<T>.Zero; var c72 = Vector512<T>.Zero;
        T* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs, a4 = a + 4 * rs, a5 = a + 5 * rs, a6 = a + 6 * rs, a7 = a + 7 * rs;
        T* bLast = b + (cols - 1) * l;
        for (nint p = 0, idx = 0; p < k; p++, idx += cs)
        {
            // The last column vector is always the masked one (all lanes when nr fills it).
            var b0 = cols == 1 ? SimdMath.MaskLoad(bLast, mask) : Vector512.Load(b);
            var b1 = cols == 2 ? SimdMath.MaskLoad(bLast, mask) : cols > 2 ? Vector512.Load(b + l) : default;
            var b2 = cols == 3 ? SimdMath.MaskLoad(bLast, mask) : default;
            b += ldb;
            bLast += ldb;
            var x0 = Vector512.Create(a0[idx]);
            c00 = SimdMath.Fma(x0, b0, c00);
            if (cols > 1) c01 = SimdMath.Fma(x0, b1, c01);
            if (cols > 2) c02 = SimdMath.Fma(x0, b2, c02);
            if (rows > 1)
            {
                var x1 = Vector512.Create(a1[idx]);
                c10 = SimdMath.Fma(x1, b0, c10);
                if (cols > 1) c11 = SimdMath.Fma(x1, b1, c11);
                if (cols > 2) c12 = SimdMath.Fma(x1, b2, c12);
            }
            if (rows > 2)
            {
                var x2 = Vector512.Create(a2[idx]);
                c20 = SimdMath.Fma(x2, b0, c20);
                if (cols > 1) c21 = SimdMath.Fma(x2, b1, c21);
                if (cols > 2) c22 = SimdMath.Fma(x2, b2, c22);
            }
            if (rows > 3)
            {
                var x3 = Vector512.Create(a3[idx]);
                c30 = SimdMath.Fma(x3, b0, c30);
                if (cols > 1) c31 = SimdMath.Fma(x3, b1, c31);
                if (cols > 2) c32 = SimdMath.Fma(x3, b2, c32);
            }
            if (rows > 4)
            {
                var x4 = Vector512.Create(a4[idx]);
                c40 = SimdMath.Fma(x4, b0, c40);
                if (cols > 1) c41 = SimdMath.Fma(x4, b1, c41);
                if (cols > 2) c42 = SimdMath.Fma(x4, b2, c42);
            }
            if (rows > 5)
            {
                var x5 = Vector512.Create(a5[idx]);
                c50 = SimdMath.Fma(x5, b0, c50);
                if (cols > 1) c51 = SimdMath.Fma(x5, b1, c51);
                if (cols > 2) c52 = SimdMath.Fma(x5, b2, c52);
            }
            if (rows > 6)
            {
                var x6 = Vector512.Create(a6[idx]);
                c60 = SimdMath.Fma(x6, b0, c60);
                if (cols > 1) c61 = SimdMath.Fma(x6, b1, c61);
                if (cols > 2) c62 = SimdMath.Fma(x6, b2, c62);
            }
            if (rows > 7)
            {
                var x7 = Vector512.Create(a7[idx]);
                c70 = SimdMath.Fma(x7, b0, c70);
                if (cols > 1) c71 = SimdMath.Fma(x7, b1, c71);
                if (cols > 2) c72 = SimdMath.Fma(x7, b2, c72);
            }
        }
        StoreRow(c + 0 * ldc, c00, c01, c02, mask, accumulate);
        if (rows > 1) StoreRow(c + 1 * ldc, c10, c11, c12, mask, accumulate);
        if (rows > 2) StoreRow(c + 2 * ldc, c20, c21, c22, mask, accumulate);
        if (rows > 3) StoreRow(c + 3 * ldc, c30, c31, c32, mask, accumulate);
        if (rows > 4) StoreRow(c + 4 * ldc, c40, c41, c42, mask, accumulate);
        if (rows > 5) StoreRow(c + 5 * ldc, c50, c51, c52, mask, accumulate);
        if (rows > 6) StoreRow(c + 6 * ldc, c60, c61, c62, mask, accumulate);
        if (rows > 7) StoreRow(c + 7 * ldc, c70, c71, c72, mask, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* dst, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> mask, bool accumulate)
    {
        nint l = Vector512<T>.Count;
        int cols = TCols.Value;
        if (accumulate)
        {
            if (cols > 1) v0 += Vector512.Load(dst);
            if (cols > 2) v1 += Vector512.Load(dst + l);
        }
        if (cols > 1) v0.Store(dst);
        if (cols > 2) v1.Store(dst + l);
        // The last vector, masked: nothing past nr is read or written.
        T* tail = dst + (cols - 1) * l;
        var last = cols == 1 ? v0 : cols == 2 ? v1 : v2;
        if (accumulate) last += SimdMath.MaskLoad(tail, mask);
        SimdMath.MaskStore(tail, mask, last);
    }
}
