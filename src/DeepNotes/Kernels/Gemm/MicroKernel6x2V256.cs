using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepNotes.Kernels;

/// <summary>
/// 6 rows × 2 Vector256 columns (6×16 floats, 6×8 doubles): 12 accumulators within AVX2's 16 registers.
/// </summary>
[SkipLocalsInit]
internal readonly struct MicroKernel6x2V256<T> : IMicroKernel<T> where T : unmanaged
{
    public static int MR => 6;
    public static int NR => 2 * Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, nint rs, nint cs, T* b, nint bs, T* c, nint ldc, int mr, int nr, bool add)
    {
        nint l = Vector256<T>.Count;
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
            var b1 = Vector256.Load(b + 1 * l);
            b += bs;
            var x0 = Vector256.Create(a0[idx]);
            c00 = SimdMath.Fma(x0, b0, c00);
            c01 = SimdMath.Fma(x0, b1, c01);
            var x1 = Vector256.Create(a1[idx]);
            c10 = SimdMath.Fma(x1, b0, c10);
            c11 = SimdMath.Fma(x1, b1, c11);
            var x2 = Vector256.Create(a2[idx]);
            c20 = SimdMath.Fma(x2, b0, c20);
            c21 = SimdMath.Fma(x2, b1, c21);
            var x3 = Vector256.Create(a3[idx]);
            c30 = SimdMath.Fma(x3, b0, c30);
            c31 = SimdMath.Fma(x3, b1, c31);
            var x4 = Vector256.Create(a4[idx]);
            c40 = SimdMath.Fma(x4, b0, c40);
            c41 = SimdMath.Fma(x4, b1, c41);
            var x5 = Vector256.Create(a5[idx]);
            c50 = SimdMath.Fma(x5, b0, c50);
            c51 = SimdMath.Fma(x5, b1, c51);
            idx += cs;
        }
        if (mr == 6 && nr == NR)
        {
            StoreRow(c + 0 * ldc, c00, c01, add);
            StoreRow(c + 1 * ldc, c10, c11, add);
            StoreRow(c + 2 * ldc, c20, c21, add);
            StoreRow(c + 3 * ldc, c30, c31, add);
            StoreRow(c + 4 * ldc, c40, c41, add);
            StoreRow(c + 5 * ldc, c50, c51, add);
            return;
        }
        T* tile = stackalloc T[6 * 2 * Vector256<T>.Count];
        StoreRow(tile + 0 * NR, c00, c01, false);
        StoreRow(tile + 1 * NR, c10, c11, false);
        StoreRow(tile + 2 * NR, c20, c21, false);
        StoreRow(tile + 3 * NR, c30, c31, false);
        StoreRow(tile + 4 * NR, c40, c41, false);
        StoreRow(tile + 5 * NR, c50, c51, false);
        for (int r = 0; r < mr; r++)
        {
            T* dst = c + r * ldc;
            T* src = tile + r * NR;
            if (add) for (int j = 0; j < nr; j++) dst[j] = Add(dst[j], src[j]);
            else for (int j = 0; j < nr; j++) dst[j] = src[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(T* dst, Vector256<T> v0, Vector256<T> v1, bool add)
    {
        nint l = Vector256<T>.Count;
        if (add)
        {
            v0 += Vector256.Load(dst + 0 * l);
            v1 += Vector256.Load(dst + 1 * l);
        }
        v0.Store(dst + 0 * l);
        v1.Store(dst + 1 * l);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Add(T x, T y)
    {
        if (typeof(T) == typeof(float)) return (T)(object)((float)(object)x + (float)(object)y);
        return (T)(object)((double)(object)x + (double)(object)y);
    }
}
