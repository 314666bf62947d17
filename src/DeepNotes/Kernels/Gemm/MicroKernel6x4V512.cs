using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>
/// 6 rows × 4 Vector512 columns (6×64 floats, 6×32 doubles): 24 accumulators, 4 B loads and 6
/// broadcasts per step, which fits AVX-512's 32 registers and keeps both FMA pipes busy.
/// </summary>
[SkipLocalsInit]
internal readonly struct MicroKernel6x4V512<T> : IMicroKernel<T> where T : unmanaged
{
    public static int MR => 6;
    public static int NR => 4 * Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, nint rs, nint cs, T* b, nint bs, T* c, nint ldc, int mr, int nr, bool add)
    {
        nint l = Vector512<T>.Count;
        // Rows past the edge alias row 0: their results are discarded, and nothing out of bounds is read.
        T* a0 = a;
        T* a1 = mr > 1 ? a + 1 * rs : a;
        T* a2 = mr > 2 ? a + 2 * rs : a;
        T* a3 = mr > 3 ? a + 3 * rs : a;
        T* a4 = mr > 4 ? a + 4 * rs : a;
        T* a5 = mr > 5 ? a + 5 * rs : a;
        if (Sse.IsSupported && mr == 6 && nr == NR)
        {
            // The C tile is touched once after a long k loop: start pulling it into cache now.
            for (int r = 0; r < 6; r++)
                for (nint j = 0; j < NR; j += 64 / sizeof(T)) Sse.Prefetch0(c + r * ldc + j);
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
            var b1 = Vector512.Load(b + 1 * l);
            var b2 = Vector512.Load(b + 2 * l);
            var b3 = Vector512.Load(b + 3 * l);
            b += bs;
            var x0 = Vector512.Create(a0[idx]);
            c00 = SimdMath.Fma(x0, b0, c00);
            c01 = SimdMath.Fma(x0, b1, c01);
            c02 = SimdMath.Fma(x0, b2, c02);
            c03 = SimdMath.Fma(x0, b3, c03);
            var x1 = Vector512.Create(a1[idx]);
            c10 = SimdMath.Fma(x1, b0, c10);
            c11 = SimdMath.Fma(x1, b1, c11);
            c12 = SimdMath.Fma(x1, b2, c12);
            c13 = SimdMath.Fma(x1, b3, c13);
            var x2 = Vector512.Create(a2[idx]);
            c20 = SimdMath.Fma(x2, b0, c20);
            c21 = SimdMath.Fma(x2, b1, c21);
            c22 = SimdMath.Fma(x2, b2, c22);
            c23 = SimdMath.Fma(x2, b3, c23);
            var x3 = Vector512.Create(a3[idx]);
            c30 = SimdMath.Fma(x3, b0, c30);
            c31 = SimdMath.Fma(x3, b1, c31);
            c32 = SimdMath.Fma(x3, b2, c32);
            c33 = SimdMath.Fma(x3, b3, c33);
            var x4 = Vector512.Create(a4[idx]);
            c40 = SimdMath.Fma(x4, b0, c40);
            c41 = SimdMath.Fma(x4, b1, c41);
            c42 = SimdMath.Fma(x4, b2, c42);
            c43 = SimdMath.Fma(x4, b3, c43);
            var x5 = Vector512.Create(a5[idx]);
            c50 = SimdMath.Fma(x5, b0, c50);
            c51 = SimdMath.Fma(x5, b1, c51);
            c52 = SimdMath.Fma(x5, b2, c52);
            c53 = SimdMath.Fma(x5, b3, c53);
            idx += cs;
        }
        if (mr == 6 && nr == NR)
        {
            StoreRow(c + 0 * ldc, c00, c01, c02, c03, add);
            StoreRow(c + 1 * ldc, c10, c11, c12, c13, add);
            StoreRow(c + 2 * ldc, c20, c21, c22, c23, add);
            StoreRow(c + 3 * ldc, c30, c31, c32, c33, add);
            StoreRow(c + 4 * ldc, c40, c41, c42, c43, add);
            StoreRow(c + 5 * ldc, c50, c51, c52, c53, add);
            return;
        }
        T* tile = stackalloc T[6 * 4 * Vector512<T>.Count];
        StoreRow(tile + 0 * NR, c00, c01, c02, c03, false);
        StoreRow(tile + 1 * NR, c10, c11, c12, c13, false);
        StoreRow(tile + 2 * NR, c20, c21, c22, c23, false);
        StoreRow(tile + 3 * NR, c30, c31, c32, c33, false);
        StoreRow(tile + 4 * NR, c40, c41, c42, c43, false);
        StoreRow(tile + 5 * NR, c50, c51, c52, c53, false);
        for (int r = 0; r < mr; r++)
        {
            T* dst = c + r * ldc;
            T* src = tile + r * NR;
            if (add) for (int j = 0; j < nr; j++) dst[j] = Add(dst[j], src[j]);
            else for (int j = 0; j < nr; j++) dst[j] = src[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(T* dst, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3, bool add)
    {
        nint l = Vector512<T>.Count;
        if (add)
        {
            v0 += Vector512.Load(dst + 0 * l);
            v1 += Vector512.Load(dst + 1 * l);
            v2 += Vector512.Load(dst + 2 * l);
            v3 += Vector512.Load(dst + 3 * l);
        }
        v0.Store(dst + 0 * l);
        v1.Store(dst + 1 * l);
        v2.Store(dst + 2 * l);
        v3.Store(dst + 3 * l);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Add(T x, T y)
    {
        if (typeof(T) == typeof(float)) return (T)(object)((float)(object)x + (float)(object)y);
        return (T)(object)((double)(object)x + (double)(object)y);
    }
}
