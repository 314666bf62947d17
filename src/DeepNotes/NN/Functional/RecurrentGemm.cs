using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>
/// The per-step recurrent product C (m×n) = or += A (m×k) · B (k×n), B row-major and unpacked, on one thread.
/// The recurrences run it once per time step on a few dozen rows with the same small B (the recurrent kernel,
/// a few dozen KB that stay in cache), where packing B on every call and starting threads cost more than the
/// product: register tiles of 4 rows × 4 vectors read B's rows in place.
/// </summary>
internal static class RecurrentGemm
{
    /// <summary>
    /// C = A·B (+ C when accumulate). A's element (i, p) is a[i·rowStride + p·colStride] (one of the strides is 1:
    /// A or Aᵀ row-major), B's rows are ldb apart, C's rows ldc apart.
    /// </summary>
    public static void Multiply<T>(int m, int n, int k, ReadOnlySpan<T> a, int rowStride, int colStride, ReadOnlySpan<T> b, int ldb,
        Span<T> c, int ldc, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        if (colStride != 1 && rowStride != 1) throw new ArgumentException("recurrent gemm: A needs a unit stride");
        if (!Vector512.IsHardwareAccelerated || (typeof(T) != typeof(float) && typeof(T) != typeof(double)) || k == 0)
        {
            bool transA = colStride != 1;
            Gemm.Multiply(transA, false, m, n, k, a, transA ? colStride : rowStride, b, ldb, c, ldc, accumulate);
            return;
        }
        // The kernels index with refs: check the extents once here.
        if (a.Length < (m - 1) * (long)rowStride + (k - 1) * (long)colStride + 1 || b.Length < (k - 1) * (long)ldb + n || c.Length < (m - 1) * (long)ldc + n)
            throw new ArgumentException($"recurrent gemm: operands too short for ({m}×{k}) · ({k}×{n})");
        int lda = rowStride, cs = colStride;
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T cr = ref MemoryMarshal.GetReference(c);
        int w = Vector512<T>.Count, j = 0;
        for (; j + 4 * w <= n; j += 4 * w) Panel4(m, k, ref ar, lda, cs, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref cr, j), ldc, accumulate);
        for (; j + w <= n; j += w) Panel1(m, k, ref ar, lda, cs, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref cr, j), ldc, accumulate);
        for (; j < n; j++) Column(m, k, ref ar, lda, cs, ref Unsafe.Add(ref br, j), ldb, ref Unsafe.Add(ref cr, j), ldc, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        return Vector512.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Start<T>(bool accumulate, ref T c, int offset) where T : unmanaged =>
        accumulate ? Vector512.LoadUnsafe(ref c, (nuint)offset) : Vector512<T>.Zero;

    // Columns [0, 4w) of B and C: 4 rows × 4 vectors of accumulators, then single rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Panel4<T>(int m, int k, ref T a, int lda, int cs, ref T b, int ldb, ref T c, int ldc, bool accumulate) where T : unmanaged
    {
        int w = Vector512<T>.Count, i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref T a0 = ref Unsafe.Add(ref a, i * lda);
            ref T a1 = ref Unsafe.Add(ref a0, lda);
            ref T a2 = ref Unsafe.Add(ref a1, lda);
            ref T a3 = ref Unsafe.Add(ref a2, lda);
            ref T c0 = ref Unsafe.Add(ref c, i * ldc);
            ref T c1 = ref Unsafe.Add(ref c0, ldc);
            ref T c2 = ref Unsafe.Add(ref c1, ldc);
            ref T c3 = ref Unsafe.Add(ref c2, ldc);
            Vector512<T> s00 = Start(accumulate, ref c0, 0), s01 = Start(accumulate, ref c0, w), s02 = Start(accumulate, ref c0, 2 * w), s03 = Start(accumulate, ref c0, 3 * w);
            Vector512<T> s10 = Start(accumulate, ref c1, 0), s11 = Start(accumulate, ref c1, w), s12 = Start(accumulate, ref c1, 2 * w), s13 = Start(accumulate, ref c1, 3 * w);
            Vector512<T> s20 = Start(accumulate, ref c2, 0), s21 = Start(accumulate, ref c2, w), s22 = Start(accumulate, ref c2, 2 * w), s23 = Start(accumulate, ref c2, 3 * w);
            Vector512<T> s30 = Start(accumulate, ref c3, 0), s31 = Start(accumulate, ref c3, w), s32 = Start(accumulate, ref c3, 2 * w), s33 = Start(accumulate, ref c3, 3 * w);
            ref T bk = ref b;
            for (int p = 0; p < k; p++)
            {
                var b0 = Vector512.LoadUnsafe(ref bk);
                var b1 = Vector512.LoadUnsafe(ref bk, (nuint)w);
                var b2 = Vector512.LoadUnsafe(ref bk, (nuint)(2 * w));
                var b3 = Vector512.LoadUnsafe(ref bk, (nuint)(3 * w));
                var x = Vector512.Create(Unsafe.Add(ref a0, p * cs));
                s00 = Fma(x, b0, s00); s01 = Fma(x, b1, s01); s02 = Fma(x, b2, s02); s03 = Fma(x, b3, s03);
                x = Vector512.Create(Unsafe.Add(ref a1, p * cs));
                s10 = Fma(x, b0, s10); s11 = Fma(x, b1, s11); s12 = Fma(x, b2, s12); s13 = Fma(x, b3, s13);
                x = Vector512.Create(Unsafe.Add(ref a2, p * cs));
                s20 = Fma(x, b0, s20); s21 = Fma(x, b1, s21); s22 = Fma(x, b2, s22); s23 = Fma(x, b3, s23);
                x = Vector512.Create(Unsafe.Add(ref a3, p * cs));
                s30 = Fma(x, b0, s30); s31 = Fma(x, b1, s31); s32 = Fma(x, b2, s32); s33 = Fma(x, b3, s33);
                bk = ref Unsafe.Add(ref bk, ldb);
            }
            s00.StoreUnsafe(ref c0); s01.StoreUnsafe(ref c0, (nuint)w); s02.StoreUnsafe(ref c0, (nuint)(2 * w)); s03.StoreUnsafe(ref c0, (nuint)(3 * w));
            s10.StoreUnsafe(ref c1); s11.StoreUnsafe(ref c1, (nuint)w); s12.StoreUnsafe(ref c1, (nuint)(2 * w)); s13.StoreUnsafe(ref c1, (nuint)(3 * w));
            s20.StoreUnsafe(ref c2); s21.StoreUnsafe(ref c2, (nuint)w); s22.StoreUnsafe(ref c2, (nuint)(2 * w)); s23.StoreUnsafe(ref c2, (nuint)(3 * w));
            s30.StoreUnsafe(ref c3); s31.StoreUnsafe(ref c3, (nuint)w); s32.StoreUnsafe(ref c3, (nuint)(2 * w)); s33.StoreUnsafe(ref c3, (nuint)(3 * w));
        }
        for (; i < m; i++)
        {
            ref T ai = ref Unsafe.Add(ref a, i * lda);
            ref T ci = ref Unsafe.Add(ref c, i * ldc);
            Vector512<T> s0 = Start(accumulate, ref ci, 0), s1 = Start(accumulate, ref ci, w), s2 = Start(accumulate, ref ci, 2 * w), s3 = Start(accumulate, ref ci, 3 * w);
            ref T bk = ref b;
            for (int p = 0; p < k; p++)
            {
                var x = Vector512.Create(Unsafe.Add(ref ai, p * cs));
                s0 = Fma(x, Vector512.LoadUnsafe(ref bk), s0);
                s1 = Fma(x, Vector512.LoadUnsafe(ref bk, (nuint)w), s1);
                s2 = Fma(x, Vector512.LoadUnsafe(ref bk, (nuint)(2 * w)), s2);
                s3 = Fma(x, Vector512.LoadUnsafe(ref bk, (nuint)(3 * w)), s3);
                bk = ref Unsafe.Add(ref bk, ldb);
            }
            s0.StoreUnsafe(ref ci); s1.StoreUnsafe(ref ci, (nuint)w); s2.StoreUnsafe(ref ci, (nuint)(2 * w)); s3.StoreUnsafe(ref ci, (nuint)(3 * w));
        }
    }

    // Columns [0, w): 4 rows at a time, then single rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Panel1<T>(int m, int k, ref T a, int lda, int cs, ref T b, int ldb, ref T c, int ldc, bool accumulate) where T : unmanaged
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref T a0 = ref Unsafe.Add(ref a, i * lda);
            ref T a1 = ref Unsafe.Add(ref a0, lda);
            ref T a2 = ref Unsafe.Add(ref a1, lda);
            ref T a3 = ref Unsafe.Add(ref a2, lda);
            ref T c0 = ref Unsafe.Add(ref c, i * ldc);
            ref T c1 = ref Unsafe.Add(ref c0, ldc);
            ref T c2 = ref Unsafe.Add(ref c1, ldc);
            ref T c3 = ref Unsafe.Add(ref c2, ldc);
            Vector512<T> s0 = Start(accumulate, ref c0, 0), s1 = Start(accumulate, ref c1, 0), s2 = Start(accumulate, ref c2, 0), s3 = Start(accumulate, ref c3, 0);
            ref T bk = ref b;
            for (int p = 0; p < k; p++)
            {
                var bv = Vector512.LoadUnsafe(ref bk);
                s0 = Fma(Vector512.Create(Unsafe.Add(ref a0, p * cs)), bv, s0);
                s1 = Fma(Vector512.Create(Unsafe.Add(ref a1, p * cs)), bv, s1);
                s2 = Fma(Vector512.Create(Unsafe.Add(ref a2, p * cs)), bv, s2);
                s3 = Fma(Vector512.Create(Unsafe.Add(ref a3, p * cs)), bv, s3);
                bk = ref Unsafe.Add(ref bk, ldb);
            }
            s0.StoreUnsafe(ref c0); s1.StoreUnsafe(ref c1); s2.StoreUnsafe(ref c2); s3.StoreUnsafe(ref c3);
        }
        for (; i < m; i++)
        {
            ref T ai = ref Unsafe.Add(ref a, i * lda);
            ref T ci = ref Unsafe.Add(ref c, i * ldc);
            var s = Start(accumulate, ref ci, 0);
            ref T bk = ref b;
            for (int p = 0; p < k; p++)
            {
                s = Fma(Vector512.Create(Unsafe.Add(ref ai, p * cs)), Vector512.LoadUnsafe(ref bk), s);
                bk = ref Unsafe.Add(ref bk, ldb);
            }
            s.StoreUnsafe(ref ci);
        }
    }

    // One leftover column (n not a multiple of the vector width), scalar.
    private static void Column<T>(int m, int k, ref T a, int lda, int cs, ref T b, int ldb, ref T c, int ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            ref T ai = ref Unsafe.Add(ref a, i * lda);
            T s = accumulate ? Unsafe.Add(ref c, i * ldc) : T.Zero;
            for (int p = 0; p < k; p++) s += Unsafe.Add(ref ai, p * cs) * Unsafe.Add(ref b, p * ldb);
            Unsafe.Add(ref c, i * ldc) = s;
        }
    }
}
