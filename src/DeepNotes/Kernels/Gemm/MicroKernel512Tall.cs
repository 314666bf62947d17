// Generated pattern: rows and vector columns are compile-time constants per instantiation, so the JIT
// drops the unused accumulators and branches and each edge tile gets an exactly-sized kernel.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// AVX-512 micro-kernel for few rows and many columns: up to 10 rows × 2 Vector512 columns (10×32 floats) =
/// 20 accumulators, 2 B loads and 10 broadcasts per step. Covering 20 rows in two passes, it reads a
/// row-major B in place from memory once per pair of passes (the second from L1), e.g. dWᵀ = dzᵀ·X for a
/// Dense layer over a wide input, where packing B would copy all of X.
/// </summary>
[SkipLocalsInit]
internal static unsafe class MicroKernel512Tall<T, TRows, TCols>
    where T : unmanaged
    where TRows : struct, IConstant
    where TCols : struct, IConstant
{
    /// <inheritdoc cref="MicroKernel512{T, TRows, TCols}.Run"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint rs, nint cs, T* b, nint bs, T* c, nint ldc, int nr, bool add)
    {
        nint l = Vector512<T>.Count;
        int rows = TRows.Value, cols = TCols.Value;
        var c00 = Vector512<T>.Zero; var c01 = Vector512<T>.Zero;
        var c10 = Vector512<T>.Zero; var c11 = Vector512<T>.Zero;
        var c20 = Vector512<T>.Zero; var c21 = Vector512<T>.Zero;
        var c30 = Vector512<T>.Zero; var c31 = Vector512<T>.Zero;
        var c40 = Vector512<T>.Zero; var c41 = Vector512<T>.Zero;
        var c50 = Vector512<T>.Zero; var c51 = Vector512<T>.Zero;
        var c60 = Vector512<T>.Zero; var c61 = Vector512<T>.Zero;
        var c70 = Vector512<T>.Zero; var c71 = Vector512<T>.Zero;
        var c80 = Vector512<T>.Zero; var c81 = Vector512<T>.Zero;
        var c90 = Vector512<T>.Zero; var c91 = Vector512<T>.Zero;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = cols > 1 ? Vector512.Load(b + l) : default;
            b += bs;
            var x0 = Vector512.Create(a[0 * rs]);
            c00 = SimdMath.Fma(x0, b0, c00);
            if (cols > 1) c01 = SimdMath.Fma(x0, b1, c01);
            if (rows > 1)
            {
                var x1 = Vector512.Create(a[1 * rs]);
                c10 = SimdMath.Fma(x1, b0, c10);
                if (cols > 1) c11 = SimdMath.Fma(x1, b1, c11);
            }
            if (rows > 2)
            {
                var x2 = Vector512.Create(a[2 * rs]);
                c20 = SimdMath.Fma(x2, b0, c20);
                if (cols > 1) c21 = SimdMath.Fma(x2, b1, c21);
            }
            if (rows > 3)
            {
                var x3 = Vector512.Create(a[3 * rs]);
                c30 = SimdMath.Fma(x3, b0, c30);
                if (cols > 1) c31 = SimdMath.Fma(x3, b1, c31);
            }
            if (rows > 4)
            {
                var x4 = Vector512.Create(a[4 * rs]);
                c40 = SimdMath.Fma(x4, b0, c40);
                if (cols > 1) c41 = SimdMath.Fma(x4, b1, c41);
            }
            if (rows > 5)
            {
                var x5 = Vector512.Create(a[5 * rs]);
                c50 = SimdMath.Fma(x5, b0, c50);
                if (cols > 1) c51 = SimdMath.Fma(x5, b1, c51);
            }
            if (rows > 6)
            {
                var x6 = Vector512.Create(a[6 * rs]);
                c60 = SimdMath.Fma(x6, b0, c60);
                if (cols > 1) c61 = SimdMath.Fma(x6, b1, c61);
            }
            if (rows > 7)
            {
                var x7 = Vector512.Create(a[7 * rs]);
                c70 = SimdMath.Fma(x7, b0, c70);
                if (cols > 1) c71 = SimdMath.Fma(x7, b1, c71);
            }
            if (rows > 8)
            {
                var x8 = Vector512.Create(a[8 * rs]);
                c80 = SimdMath.Fma(x8, b0, c80);
                if (cols > 1) c81 = SimdMath.Fma(x8, b1, c81);
            }
            if (rows > 9)
            {
                var x9 = Vector512.Create(a[9 * rs]);
                c90 = SimdMath.Fma(x9, b0, c90);
                if (cols > 1) c91 = SimdMath.Fma(x9, b1, c91);
            }
            a += cs;
        }
        StoreRow(c + 0 * ldc, c00, c01, nr, add);
        if (rows > 1) StoreRow(c + 1 * ldc, c10, c11, nr, add);
        if (rows > 2) StoreRow(c + 2 * ldc, c20, c21, nr, add);
        if (rows > 3) StoreRow(c + 3 * ldc, c30, c31, nr, add);
        if (rows > 4) StoreRow(c + 4 * ldc, c40, c41, nr, add);
        if (rows > 5) StoreRow(c + 5 * ldc, c50, c51, nr, add);
        if (rows > 6) StoreRow(c + 6 * ldc, c60, c61, nr, add);
        if (rows > 7) StoreRow(c + 7 * ldc, c70, c71, nr, add);
        if (rows > 8) StoreRow(c + 8 * ldc, c80, c81, nr, add);
        if (rows > 9) StoreRow(c + 9 * ldc, c90, c91, nr, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* dst, Vector512<T> v0, Vector512<T> v1, int nr, bool add)
    {
        nint l = Vector512<T>.Count;
        int cols = TCols.Value;
        int full = nr == cols * l ? cols : cols - 1;
        if (add)
        {
            if (full > 0) v0 += Vector512.Load(dst);
            if (full > 1) v1 += Vector512.Load(dst + l);
        }
        if (full > 0) v0.Store(dst);
        if (full > 1) v1.Store(dst + l);
        if (full == cols) return;
        // The ragged last vector: masked load/store never touch memory past nr.
        T* tail = dst + (cols - 1) * l;
        var mask = SimdMath.FirstLanes512<T>(nr - (cols - 1) * (int)l);
        var last = cols == 1 ? v0 : v1;
        if (add) last += SimdMath.MaskLoad(tail, mask);
        SimdMath.MaskStore(tail, mask, last);
    }
}
