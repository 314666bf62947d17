// 20 accumulators written out: the JIT keeps each in a register only when it is a separate local.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// AVX-512 micro-kernel for 11 to 20 rows of C and one vector of columns: 20 accumulators, one B load and 20
/// broadcasts of a packed A per step, so a row-major B (dWᵀ = dzᵀ·X over a wide input) is read in place exactly
/// once for all rows. Two 10-row tiles over the same B panel would need it twice, and rows of X a multiple of
/// 4 KiB apart share one cache set, so the second read misses again (or B must be copied first).
/// </summary>
[SkipLocalsInit]
internal static unsafe class MicroKernel512Rows20<T> where T : unmanaged
{
    /// <summary>Rows of the packed A panel (rows past m are zero).</summary>
    public const int Rows = 20;

    /// <summary>
    /// C[0..rows, 0..nr] (+)= A·B over kc steps: A packed (20 values per step), B's rows at b + p·ldb, nr ≤ one
    /// vector (a ragged nr is loaded and stored masked, so nothing past it is touched).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, nint ldb, T* c, nint ldc, int rows, int nr, bool add)
    {
        bool full = nr == Vector512<T>.Count;
        var mask = full ? Vector512<T>.AllBitsSet : SimdMath.FirstLanes512<T>(nr);
        var c0 = Vector512<T>.Zero;
        var c1 = Vector512<T>.Zero;
        var c2 = Vector512<T>.Zero;
        var c3 = Vector512<T>.Zero;
        var c4 = Vector512<T>.Zero;
        var c5 = Vector512<T>.Zero;
        var c6 = Vector512<T>.Zero;
        var c7 = Vector512<T>.Zero;
        var c8 = Vector512<T>.Zero;
        var c9 = Vector512<T>.Zero;
        var c10 = Vector512<T>.Zero;
        var c11 = Vector512<T>.Zero;
        var c12 = Vector512<T>.Zero;
        var c13 = Vector512<T>.Zero;
        var c14 = Vector512<T>.Zero;
        var c15 = Vector512<T>.Zero;
        var c16 = Vector512<T>.Zero;
        var c17 = Vector512<T>.Zero;
        var c18 = Vector512<T>.Zero;
        var c19 = Vector512<T>.Zero;
        for (int p = 0; p < kc; p++, a += Rows, b += ldb)
        {
            var bv = full ? Vector512.Load(b) : SimdMath.MaskLoad(b, mask);
            c0 = SimdMath.Fma(Vector512.Create(a[0]), bv, c0);
            c1 = SimdMath.Fma(Vector512.Create(a[1]), bv, c1);
            c2 = SimdMath.Fma(Vector512.Create(a[2]), bv, c2);
            c3 = SimdMath.Fma(Vector512.Create(a[3]), bv, c3);
            c4 = SimdMath.Fma(Vector512.Create(a[4]), bv, c4);
            c5 = SimdMath.Fma(Vector512.Create(a[5]), bv, c5);
            c6 = SimdMath.Fma(Vector512.Create(a[6]), bv, c6);
            c7 = SimdMath.Fma(Vector512.Create(a[7]), bv, c7);
            c8 = SimdMath.Fma(Vector512.Create(a[8]), bv, c8);
            c9 = SimdMath.Fma(Vector512.Create(a[9]), bv, c9);
            c10 = SimdMath.Fma(Vector512.Create(a[10]), bv, c10);
            c11 = SimdMath.Fma(Vector512.Create(a[11]), bv, c11);
            c12 = SimdMath.Fma(Vector512.Create(a[12]), bv, c12);
            c13 = SimdMath.Fma(Vector512.Create(a[13]), bv, c13);
            c14 = SimdMath.Fma(Vector512.Create(a[14]), bv, c14);
            c15 = SimdMath.Fma(Vector512.Create(a[15]), bv, c15);
            c16 = SimdMath.Fma(Vector512.Create(a[16]), bv, c16);
            c17 = SimdMath.Fma(Vector512.Create(a[17]), bv, c17);
            c18 = SimdMath.Fma(Vector512.Create(a[18]), bv, c18);
            c19 = SimdMath.Fma(Vector512.Create(a[19]), bv, c19);
        }
        if (rows > 0) Store(c + 0 * ldc, c0, mask, full, add);
        if (rows > 1) Store(c + 1 * ldc, c1, mask, full, add);
        if (rows > 2) Store(c + 2 * ldc, c2, mask, full, add);
        if (rows > 3) Store(c + 3 * ldc, c3, mask, full, add);
        if (rows > 4) Store(c + 4 * ldc, c4, mask, full, add);
        if (rows > 5) Store(c + 5 * ldc, c5, mask, full, add);
        if (rows > 6) Store(c + 6 * ldc, c6, mask, full, add);
        if (rows > 7) Store(c + 7 * ldc, c7, mask, full, add);
        if (rows > 8) Store(c + 8 * ldc, c8, mask, full, add);
        if (rows > 9) Store(c + 9 * ldc, c9, mask, full, add);
        if (rows > 10) Store(c + 10 * ldc, c10, mask, full, add);
        if (rows > 11) Store(c + 11 * ldc, c11, mask, full, add);
        if (rows > 12) Store(c + 12 * ldc, c12, mask, full, add);
        if (rows > 13) Store(c + 13 * ldc, c13, mask, full, add);
        if (rows > 14) Store(c + 14 * ldc, c14, mask, full, add);
        if (rows > 15) Store(c + 15 * ldc, c15, mask, full, add);
        if (rows > 16) Store(c + 16 * ldc, c16, mask, full, add);
        if (rows > 17) Store(c + 17 * ldc, c17, mask, full, add);
        if (rows > 18) Store(c + 18 * ldc, c18, mask, full, add);
        if (rows > 19) Store(c + 19 * ldc, c19, mask, full, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(T* dst, Vector512<T> v, Vector512<T> mask, bool full, bool add)
    {
        if (full)
        {
            if (add) v += Vector512.Load(dst);
            v.Store(dst);
            return;
        }
        if (add) v += SimdMath.MaskLoad(dst, mask);
        SimdMath.MaskStore(dst, mask, v);
    }
}
