// Generated pattern: rows and columns are compile-time constants per instantiation, so the JIT drops the
// unused accumulators and branches and each edge tile gets an exactly-sized kernel.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels;

/// <summary>
/// AVX-512 kernel for a whole small tile of C = A·Bᵀ with both operands contiguous along k (dW = dZ·Aᵀ): up to
/// 4 rows of A × 4 rows of B as 16 vector accumulators over all of k (4+4 loads per 16 FMAs), then one transposing
/// reduction of the 16 accumulators (45 shuffles and adds instead of 16 separate horizontal sums) and the tile is
/// written straight to C. No scratch, no packing.
/// </summary>
[SkipLocalsInit]
internal static unsafe class DotTileKernel512<T, TRows, TCols>
    where T : unmanaged
    where TRows : struct, IConstant
    where TCols : struct, IConstant
{
    /// <summary>
    /// C[r, j] (+)= Σ_p a[r·lda + p] · b[j·ldb + p] for r &lt; TRows, j &lt; TCols, p &lt; k (any k ≥ 1; the ragged end
    /// of k is read with masked loads, which never touch memory past it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int k, T* a, nint lda, T* b, nint ldb, T* c, nint ldc, bool accumulate)
    {
        int rows = TRows.Value, cols = TCols.Value;
        nint l = Vector512<T>.Count;
        T* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda;
        T* b0 = b, b1 = b + ldb, b2 = b + 2 * ldb, b3 = b + 3 * ldb;
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<T> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<T> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<T> c30 = default, c31 = default, c32 = default, c33 = default;
        nint p = 0;
        for (; p + l <= k; p += l)
        {
            var x0 = Vector512.Load(a0 + p);
            var x1 = rows > 1 ? Vector512.Load(a1 + p) : default;
            var x2 = rows > 2 ? Vector512.Load(a2 + p) : default;
            var x3 = rows > 3 ? Vector512.Load(a3 + p) : default;
            var y0 = Vector512.Load(b0 + p);
            c00 = SimdMath.Fma(x0, y0, c00);
            if (rows > 1) c10 = SimdMath.Fma(x1, y0, c10);
            if (rows > 2) c20 = SimdMath.Fma(x2, y0, c20);
            if (rows > 3) c30 = SimdMath.Fma(x3, y0, c30);
            if (cols > 1)
            {
                var y1 = Vector512.Load(b1 + p);
                c01 = SimdMath.Fma(x0, y1, c01);
                if (rows > 1) c11 = SimdMath.Fma(x1, y1, c11);
                if (rows > 2) c21 = SimdMath.Fma(x2, y1, c21);
                if (rows > 3) c31 = SimdMath.Fma(x3, y1, c31);
            }
            if (cols > 2)
            {
                var y2 = Vector512.Load(b2 + p);
                c02 = SimdMath.Fma(x0, y2, c02);
                if (rows > 1) c12 = SimdMath.Fma(x1, y2, c12);
                if (rows > 2) c22 = SimdMath.Fma(x2, y2, c22);
                if (rows > 3) c32 = SimdMath.Fma(x3, y2, c32);
            }
            if (cols > 3)
            {
                var y3 = Vector512.Load(b3 + p);
                c03 = SimdMath.Fma(x0, y3, c03);
                if (rows > 1) c13 = SimdMath.Fma(x1, y3, c13);
                if (rows > 2) c23 = SimdMath.Fma(x2, y3, c23);
                if (rows > 3) c33 = SimdMath.Fma(x3, y3, c33);
            }
        }
        if (p < k)
        {
            var mask = SimdMath.FirstLanes512<T>((int)(k - p));
            var x0 = SimdMath.MaskLoad(a0 + p, mask);
            var x1 = rows > 1 ? SimdMath.MaskLoad(a1 + p, mask) : default;
            var x2 = rows > 2 ? SimdMath.MaskLoad(a2 + p, mask) : default;
            var x3 = rows > 3 ? SimdMath.MaskLoad(a3 + p, mask) : default;
            var y0 = SimdMath.MaskLoad(b0 + p, mask);
            c00 = SimdMath.Fma(x0, y0, c00);
            if (rows > 1) c10 = SimdMath.Fma(x1, y0, c10);
            if (rows > 2) c20 = SimdMath.Fma(x2, y0, c20);
            if (rows > 3) c30 = SimdMath.Fma(x3, y0, c30);
            if (cols > 1)
            {
                var y1 = SimdMath.MaskLoad(b1 + p, mask);
                c01 = SimdMath.Fma(x0, y1, c01);
                if (rows > 1) c11 = SimdMath.Fma(x1, y1, c11);
                if (rows > 2) c21 = SimdMath.Fma(x2, y1, c21);
                if (rows > 3) c31 = SimdMath.Fma(x3, y1, c31);
            }
            if (cols > 2)
            {
                var y2 = SimdMath.MaskLoad(b2 + p, mask);
                c02 = SimdMath.Fma(x0, y2, c02);
                if (rows > 1) c12 = SimdMath.Fma(x1, y2, c12);
                if (rows > 2) c22 = SimdMath.Fma(x2, y2, c22);
                if (rows > 3) c32 = SimdMath.Fma(x3, y2, c32);
            }
            if (cols > 3)
            {
                var y3 = SimdMath.MaskLoad(b3 + p, mask);
                c03 = SimdMath.Fma(x0, y3, c03);
                if (rows > 1) c13 = SimdMath.Fma(x1, y3, c13);
                if (rows > 2) c23 = SimdMath.Fma(x2, y3, c23);
                if (rows > 3) c33 = SimdMath.Fma(x3, y3, c33);
            }
        }
        // Accumulators of absent rows/columns are zero and their sums are never stored.
        if (typeof(T) == typeof(float))
        {
            // Lane 4r + j of the reduction is the sum of accumulator (r, j): inputs go column by column.
            var s = TileReduce.Sum16(
                c00.AsSingle(), c10.AsSingle(), c20.AsSingle(), c30.AsSingle(), c01.AsSingle(), c11.AsSingle(), c21.AsSingle(), c31.AsSingle(),
                c02.AsSingle(), c12.AsSingle(), c22.AsSingle(), c32.AsSingle(), c03.AsSingle(), c13.AsSingle(), c23.AsSingle(), c33.AsSingle());
            float* cf = (float*)c;
            StoreRow(cf, s.GetLower().GetLower(), cols, accumulate);
            if (rows > 1) StoreRow(cf + ldc, s.GetLower().GetUpper(), cols, accumulate);
            if (rows > 2) StoreRow(cf + 2 * ldc, s.GetUpper().GetLower(), cols, accumulate);
            if (rows > 3) StoreRow(cf + 3 * ldc, s.GetUpper().GetUpper(), cols, accumulate);
        }
        else
        {
            // Lane 2r + (j mod 2) of the first (j < 2) or second result is the sum of accumulator (r, j).
            var (s01, s23) = TileReduce.Sum16(
                c00.AsDouble(), c10.AsDouble(), c20.AsDouble(), c30.AsDouble(), c01.AsDouble(), c11.AsDouble(), c21.AsDouble(), c31.AsDouble(),
                c02.AsDouble(), c12.AsDouble(), c22.AsDouble(), c32.AsDouble(), c03.AsDouble(), c13.AsDouble(), c23.AsDouble(), c33.AsDouble());
            double* cd = (double*)c;
            StoreRow(cd, s01.GetLower().GetLower(), s23.GetLower().GetLower(), cols, accumulate);
            if (rows > 1) StoreRow(cd + ldc, s01.GetLower().GetUpper(), s23.GetLower().GetUpper(), cols, accumulate);
            if (rows > 2) StoreRow(cd + 2 * ldc, s01.GetUpper().GetLower(), s23.GetUpper().GetLower(), cols, accumulate);
            if (rows > 3) StoreRow(cd + 3 * ldc, s01.GetUpper().GetUpper(), s23.GetUpper().GetUpper(), cols, accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* dst, Vector128<float> sums, int cols, bool accumulate)
    {
        if (cols == 4)
        {
            if (accumulate) sums += Vector128.Load(dst);
            sums.Store(dst);
            return;
        }
        for (int j = 0; j < cols; j++) dst[j] = accumulate ? dst[j] + sums.GetElement(j) : sums.GetElement(j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(double* dst, Vector128<double> first, Vector128<double> second, int cols, bool accumulate)
    {
        if (cols >= 2)
        {
            if (accumulate) first += Vector128.Load(dst);
            first.Store(dst);
        }
        else dst[0] = accumulate ? dst[0] + first.GetElement(0) : first.GetElement(0);
        if (cols == 4)
        {
            if (accumulate) second += Vector128.Load(dst + 2);
            second.Store(dst + 2);
        }
        else if (cols == 3) dst[2] = accumulate ? dst[2] + second.GetElement(0) : second.GetElement(0);
    }
}
