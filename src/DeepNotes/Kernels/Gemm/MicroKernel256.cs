// Generated pattern: rows and vector columns are compile-time constants per instantiation, so the JIT
// drops the unused accumulators and branches and each edge tile gets an exactly-sized kernel.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>
/// AVX2 micro-kernel: up to 6 rows × 2 Vector256 columns (6×16 floats, 6×8 doubles) = 12 accumulators,
/// within the 16 vector registers.
/// </summary>
[SkipLocalsInit]
internal static unsafe class MicroKernel256<T, TRows, TCols>
    where T : unmanaged
    where TRows : struct, IConstant
    where TCols : struct, IConstant
{
    /// <summary>
    /// C[0..TRows, 0..nr] (+)= A·B over kc steps. A's element (r, p) is a[r·rs + p·cs]; B's row p is the
    /// TCols vectors at b + p·bs. nr is in ((TCols-1)·lanes, TCols·lanes]; the last vector is stored masked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint rs, nint cs, T* b, nint bs, T* c, nint ldc, int nr, bool add)
    {
        nint l = Vector256<T>.Count;
        int rows = TRows.Value, cols = TCols.Value;
        T* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs, a4 = a + 4 * rs, a5 = a + 5 * rs;
        if (Sse.IsSupported && rows == 6)
        {
            // The C tile is touched once after a long k loop: start pulling it into cache now.
            for (int r = 0; r < 6; r++)
                for (nint j = 0; j < nr; j += 64 / sizeof(T)) Sse.Prefetch0(c + r * ldc + j);
        }
        var c00 = Vector256<T>.Zero; var c01 = Vector256<T>.Zero;
        var c10 = Vector256<T>.Zero; var c11 = Vector256<T>.Zero;
        var c20 = Vector256<T>.Zero; var c21 = Vector256<T>.Zero;
        var c30 = Vector256<T>.Zero; var c31 = Vector256<T>.Zero;
        var c40 = Vector256<T>.Zero; var c41 = Vector256<T>.Zero;
        var c50 = Vector256<T>.Zero; var c51 = Vector256<T>.Zero;
        nint idx = 0;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = cols > 1 ? Vector256.Load(b + 1 * l) : default;
            b += bs;
            var x0 = Vector256.Create(a0[idx]);
            c00 = SimdMath.Fma(x0, b0, c00);
            if (cols > 1) c01 = SimdMath.Fma(x0, b1, c01);
            if (rows > 1)
            {
                var x1 = Vector256.Create(a1[idx]);
                c10 = SimdMath.Fma(x1, b0, c10);
                if (cols > 1) c11 = SimdMath.Fma(x1, b1, c11);
            }
            if (rows > 2)
            {
                var x2 = Vector256.Create(a2[idx]);
                c20 = SimdMath.Fma(x2, b0, c20);
                if (cols > 1) c21 = SimdMath.Fma(x2, b1, c21);
            }
            if (rows > 3)
            {
                var x3 = Vector256.Create(a3[idx]);
                c30 = SimdMath.Fma(x3, b0, c30);
                if (cols > 1) c31 = SimdMath.Fma(x3, b1, c31);
            }
            if (rows > 4)
            {
                var x4 = Vector256.Create(a4[idx]);
                c40 = SimdMath.Fma(x4, b0, c40);
                if (cols > 1) c41 = SimdMath.Fma(x4, b1, c41);
            }
            if (rows > 5)
            {
                var x5 = Vector256.Create(a5[idx]);
                c50 = SimdMath.Fma(x5, b0, c50);
                if (cols > 1) c51 = SimdMath.Fma(x5, b1, c51);
            }
            idx += cs;
        }
        StoreRow(c + 0 * ldc, c00, c01, nr, add);
        if (rows > 1) StoreRow(c + 1 * ldc, c10, c11, nr, add);
        if (rows > 2) StoreRow(c + 2 * ldc, c20, c21, nr, add);
        if (rows > 3) StoreRow(c + 3 * ldc, c30, c31, nr, add);
        if (rows > 4) StoreRow(c + 4 * ldc, c40, c41, nr, add);
        if (rows > 5) StoreRow(c + 5 * ldc, c50, c51, nr, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* dst, Vector256<T> v0, Vector256<T> v1, int nr, bool add)
    {
        nint l = Vector256<T>.Count;
        int cols = TCols.Value;
        int full = nr == cols * l ? cols : cols - 1;
        if (add)
        {
            if (full > 0) v0 += Vector256.Load(dst + 0 * l);
            if (full > 1) v1 += Vector256.Load(dst + 1 * l);
        }
        if (full > 0) v0.Store(dst + 0 * l);
        if (full > 1) v1.Store(dst + 1 * l);
        if (full == cols) return;
        // The ragged last vector: masked load/store never touch memory past nr.
        T* tail = dst + (cols - 1) * l;
        var mask = SimdMath.FirstLanes256<T>(nr - (cols - 1) * (int)l);
        var last = cols == 1 ? v0 : v1;
        if (add) last += SimdMath.MaskLoad(tail, mask);
        SimdMath.MaskStore(tail, mask, last);
    }
}
