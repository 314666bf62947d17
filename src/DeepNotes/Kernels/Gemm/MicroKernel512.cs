// Generated pattern: rows and vector columns are compile-time constants per instantiation, so the JIT
// drops the unused accumulators and branches and each edge tile gets an exactly-sized kernel.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>
/// AVX-512 micro-kernel: up to 6 rows × 4 Vector512 columns (6×64 floats, 6×32 doubles) = 24 accumulators,
/// 4 B loads and 6 broadcasts per step, within the 32 vector registers and keeping both FMA pipes busy.
/// </summary>
[SkipLocalsInit]
internal static unsafe class MicroKernel512<T, TRows, TCols>
    where T : unmanaged
    where TRows : struct, IConstant
    where TCols : struct, IConstant
{
    /// <summary>Shallower k loops skip the C prefetch.</summary>
    private const int MinPrefetchDepth = 64;

    /// <summary>
    /// C[0..TRows, 0..nr] (+)= A·B over kc steps. A's element (r, p) is a[r·rs + p·cs]; B's row p is the
    /// TCols vectors at b + p·bs. nr is in ((TCols-1)·lanes, TCols·lanes]; the last vector is stored masked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint rs, nint cs, T* b, nint bs, T* c, nint ldc, int nr, bool add)
    {
        nint l = Vector512<T>.Count;
        int rows = TRows.Value, cols = TCols.Value;
        T* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs, a4 = a + 4 * rs, a5 = a + 5 * rs;
        if (Sse.IsSupported && rows == 6 && kc >= MinPrefetchDepth)
        {
            // The C tile is touched once after a long k loop: start pulling it into cache now (a short loop would
            // reach C before the prefetches did, and small products pay for the 24 extra instructions).
            for (int r = 0; r < 6; r++)
                for (nint j = 0; j < nr; j += 64 / sizeof(T)) Sse.Prefetch0(c + r * ldc + j);
        }
        var c00 = Vector512<T>.Zero; var c01 = Vector512<T>.Zero; var c02 = Vector512<T>.Zero; var c03 = Vector512<T>.Zero;
        var c10 = Vector512<T>.Zero; var c11 = Vector512<T>.Zero; var c12 = Vector512<T>.Zero; var c13 = Vector512<T>.Zero;
        var c20 = Vector512<T>.Zero; var c21 = Vector512<T>.Zero; var c22 = Vector512<T>.Zero; var c23 = Vector512<T>.Zero;
        var c30 = Vector512<T>.Zero; var c31 = Vector512<T>.Zero; var c32 = Vector512<T>.Zero; var c33 = Vector512<T>.Zero;
        var c40 = Vector512<T>.Zero; var c41 = Vector512<T>.Zero; var c42 = Vector512<T>.Zero; var c43 = Vector512<T>.Zero;
        var c50 = Vector512<T>.Zero; var c51 = Vector512<T>.Zero; var c52 = Vector512<T>.Zero; var c53 = Vector512<T>.Zero;
        nint idx = 0;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = cols > 1 ? Vector512.Load(b + 1 * l) : default;
            var b2 = cols > 2 ? Vector512.Load(b + 2 * l) : default;
            var b3 = cols > 3 ? Vector512.Load(b + 3 * l) : default;
            b += bs;
            var x0 = Vector512.Create(a0[idx]);
            c00 = SimdMath.Fma(x0, b0, c00);
            if (cols > 1) c01 = SimdMath.Fma(x0, b1, c01);
            if (cols > 2) c02 = SimdMath.Fma(x0, b2, c02);
            if (cols > 3) c03 = SimdMath.Fma(x0, b3, c03);
            if (rows > 1)
            {
                var x1 = Vector512.Create(a1[idx]);
                c10 = SimdMath.Fma(x1, b0, c10);
                if (cols > 1) c11 = SimdMath.Fma(x1, b1, c11);
                if (cols > 2) c12 = SimdMath.Fma(x1, b2, c12);
                if (cols > 3) c13 = SimdMath.Fma(x1, b3, c13);
            }
            if (rows > 2)
            {
                var x2 = Vector512.Create(a2[idx]);
                c20 = SimdMath.Fma(x2, b0, c20);
                if (cols > 1) c21 = SimdMath.Fma(x2, b1, c21);
                if (cols > 2) c22 = SimdMath.Fma(x2, b2, c22);
                if (cols > 3) c23 = SimdMath.Fma(x2, b3, c23);
            }
            if (rows > 3)
            {
                var x3 = Vector512.Create(a3[idx]);
                c30 = SimdMath.Fma(x3, b0, c30);
                if (cols > 1) c31 = SimdMath.Fma(x3, b1, c31);
                if (cols > 2) c32 = SimdMath.Fma(x3, b2, c32);
                if (cols > 3) c33 = SimdMath.Fma(x3, b3, c33);
            }
            if (rows > 4)
            {
                var x4 = Vector512.Create(a4[idx]);
                c40 = SimdMath.Fma(x4, b0, c40);
                if (cols > 1) c41 = SimdMath.Fma(x4, b1, c41);
                if (cols > 2) c42 = SimdMath.Fma(x4, b2, c42);
                if (cols > 3) c43 = SimdMath.Fma(x4, b3, c43);
            }
            if (rows > 5)
            {
                var x5 = Vector512.Create(a5[idx]);
                c50 = SimdMath.Fma(x5, b0, c50);
                if (cols > 1) c51 = SimdMath.Fma(x5, b1, c51);
                if (cols > 2) c52 = SimdMath.Fma(x5, b2, c52);
                if (cols > 3) c53 = SimdMath.Fma(x5, b3, c53);
            }
            idx += cs;
        }
        StoreRow(c + 0 * ldc, c00, c01, c02, c03, nr, add);
        if (rows > 1) StoreRow(c + 1 * ldc, c10, c11, c12, c13, nr, add);
        if (rows > 2) StoreRow(c + 2 * ldc, c20, c21, c22, c23, nr, add);
        if (rows > 3) StoreRow(c + 3 * ldc, c30, c31, c32, c33, nr, add);
        if (rows > 4) StoreRow(c + 4 * ldc, c40, c41, c42, c43, nr, add);
        if (rows > 5) StoreRow(c + 5 * ldc, c50, c51, c52, c53, nr, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* dst, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3, int nr, bool add)
    {
        nint l = Vector512<T>.Count;
        int cols = TCols.Value;
        int full = nr == cols * l ? cols : cols - 1;
        if (add)
        {
            if (full > 0) v0 += Vector512.Load(dst + 0 * l);
            if (full > 1) v1 += Vector512.Load(dst + 1 * l);
            if (full > 2) v2 += Vector512.Load(dst + 2 * l);
            if (full > 3) v3 += Vector512.Load(dst + 3 * l);
        }
        if (full > 0) v0.Store(dst + 0 * l);
        if (full > 1) v1.Store(dst + 1 * l);
        if (full > 2) v2.Store(dst + 2 * l);
        if (full > 3) v3.Store(dst + 3 * l);
        if (full == cols) return;
        // The ragged last vector: masked load/store never touch memory past nr.
        T* tail = dst + (cols - 1) * l;
        var mask = SimdMath.FirstLanes512<T>(nr - (cols - 1) * (int)l);
        var last = cols == 1 ? v0 : cols == 2 ? v1 : cols == 3 ? v2 : v3;
        if (add) last += SimdMath.MaskLoad(tail, mask);
        SimdMath.MaskStore(tail, mask, last);
    }
}
