using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels.Conv;

/// <summary>
/// Convolution without im2col for layers with exactly one SIMD vector of output channels (8 float32 or 4 float64,
/// e.g. the SIGNS net's first conv): every output pixel is one Vector256 accumulator, fed by broadcasting input
/// elements straight from x against filter rows. Interior pixels run 8 at a time with no bounds checks; border
/// pixels skip the taps that fall into the zero padding. GEMM would waste most of its micro-tile on so few columns.
/// </summary>
internal static class DirectConv
{
    /// <summary>Whether these kernels handle the geometry (output channels = one vector, horizontal dilation 1).</summary>
    public static bool Supports<T>(in ConvGeometry g) where T : unmanaged =>
        Vector256.IsHardwareAccelerated && g.O == Vector256<T>.Count && g.DilationW == 1
        && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        throw new NotSupportedException();
    }

    /// <summary>First and one-past-last output column whose whole window lies inside the image.</summary>
    private static (int Lo, int Hi) Interior(in ConvGeometry g)
    {
        int lo = (g.PadLeft + g.StrideW - 1) / g.StrideW;
        int last = g.W - 1 - (g.KW - 1) * g.DilationW + g.PadLeft;
        int hi = last < 0 ? 0 : last / g.StrideW + 1;
        hi = Math.Min(hi, g.OW);
        return (Math.Min(lo, hi), hi);
    }

    /// <summary>Filter taps kh whose input row lies inside the image for output row oh.</summary>
    private static (int Lo, int Hi) Rows(in ConvGeometry g, int oh)
    {
        int ih0 = oh * g.StrideH - g.PadTop;
        int lo = ih0 >= 0 ? 0 : (-ih0 + g.DilationH - 1) / g.DilationH;
        int hi = g.KH;
        while (hi > lo && ih0 + (hi - 1) * g.DilationH >= g.H) hi--;
        return (lo, hi);
    }

    /// <summary>y = conv(x, w) + bias for images [n0, n1).</summary>
    public static void Forward<T>(in ConvGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, Span<T> y, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int C = g.C, O = g.O, rowLen = g.W * C, kwc = g.KW * C, step = g.StrideW * C;
        var biasV = bias.IsEmpty ? Vector256<T>.Zero : Vector256.Create(bias);
        var (lo, hi) = Interior(g);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T yr = ref MemoryMarshal.GetReference(y);
        for (int n = n0; n < n1; n++)
        {
            for (int oh = 0; oh < g.OH; oh++)
            {
                var (khLo, khHi) = Rows(g, oh);
                int ih0 = oh * g.StrideH - g.PadTop;
                int outRow = (n * g.OH + oh) * g.OW;
                int ow = 0;
                for (; ow < lo; ow++) Pixel(g, ref xr, ref wr, ref yr, biasV, n, ih0, khLo, khHi, ow, outRow);
                for (; ow + 8 <= hi; ow += 8)
                {
                    Vector256<T> a0 = biasV, a1 = biasV, a2 = biasV, a3 = biasV, a4 = biasV, a5 = biasV, a6 = biasV, a7 = biasV;
                    for (int kh = khLo; kh < khHi; kh++)
                    {
                        int ih = ih0 + kh * g.DilationH;
                        ref T src = ref Unsafe.Add(ref xr, (n * g.H + ih) * rowLen + (ow * g.StrideW - g.PadLeft) * C);
                        ref T wk = ref Unsafe.Add(ref wr, kh * kwc * O);
                        for (int q = 0; q < kwc; q++)
                        {
                            var b = Vector256.LoadUnsafe(ref wk, (nuint)(q * O));
                            ref T s = ref Unsafe.Add(ref src, q);
                            a0 = Fma(Vector256.Create(s), b, a0);
                            a1 = Fma(Vector256.Create(Unsafe.Add(ref s, step)), b, a1);
                            a2 = Fma(Vector256.Create(Unsafe.Add(ref s, 2 * step)), b, a2);
                            a3 = Fma(Vector256.Create(Unsafe.Add(ref s, 3 * step)), b, a3);
                            a4 = Fma(Vector256.Create(Unsafe.Add(ref s, 4 * step)), b, a4);
                            a5 = Fma(Vector256.Create(Unsafe.Add(ref s, 5 * step)), b, a5);
                            a6 = Fma(Vector256.Create(Unsafe.Add(ref s, 6 * step)), b, a6);
                            a7 = Fma(Vector256.Create(Unsafe.Add(ref s, 7 * step)), b, a7);
                        }
                    }
                    ref T dst = ref Unsafe.Add(ref yr, (outRow + ow) * O);
                    a0.StoreUnsafe(ref dst, 0);
                    a1.StoreUnsafe(ref dst, (nuint)O);
                    a2.StoreUnsafe(ref dst, (nuint)(2 * O));
                    a3.StoreUnsafe(ref dst, (nuint)(3 * O));
                    a4.StoreUnsafe(ref dst, (nuint)(4 * O));
                    a5.StoreUnsafe(ref dst, (nuint)(5 * O));
                    a6.StoreUnsafe(ref dst, (nuint)(6 * O));
                    a7.StoreUnsafe(ref dst, (nuint)(7 * O));
                }
                for (; ow < g.OW; ow++) Pixel(g, ref xr, ref wr, ref yr, biasV, n, ih0, khLo, khHi, ow, outRow);
            }
        }
    }

    /// <summary>One output pixel with bounds checks on every tap (borders and leftovers).</summary>
    private static void Pixel<T>(in ConvGeometry g, ref T xr, ref T wr, ref T yr, Vector256<T> biasV, int n, int ih0, int khLo, int khHi, int ow, int outRow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int C = g.C, O = g.O, rowLen = g.W * C;
        var acc = biasV;
        int iw0 = ow * g.StrideW - g.PadLeft;
        for (int kh = khLo; kh < khHi; kh++)
        {
            int ih = ih0 + kh * g.DilationH;
            for (int kw = 0; kw < g.KW; kw++)
            {
                int iw = iw0 + kw;
                if ((uint)iw >= (uint)g.W) continue;
                ref T s = ref Unsafe.Add(ref xr, (n * g.H + ih) * rowLen + iw * C);
                ref T wk = ref Unsafe.Add(ref wr, (kh * g.KW + kw) * C * O);
                for (int c = 0; c < C; c++)
                    acc = Fma(Vector256.Create(Unsafe.Add(ref s, c)), Vector256.LoadUnsafe(ref wk, (nuint)(c * O)), acc);
            }
        }
        acc.StoreUnsafe(ref Unsafe.Add(ref yr, (outRow + ow) * O));
    }

    /// <summary>dw += the filter gradient from images [n0, n1) (dw is (KH·KW·C) × O, row-major).</summary>
    public static void BackwardFilter<T>(in ConvGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dw, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int C = g.C, O = g.O, rowLen = g.W * C, kwc = g.KW * C;
        var (lo, hi) = Interior(g);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T gr = ref MemoryMarshal.GetReference(dy);
        ref T wr = ref MemoryMarshal.GetReference(dw);
        for (int n = n0; n < n1; n++)
        {
            for (int oh = 0; oh < g.OH; oh++)
            {
                var (khLo, khHi) = Rows(g, oh);
                int ih0 = oh * g.StrideH - g.PadTop;
                int outRow = (n * g.OH + oh) * g.OW;
                for (int kh = khLo; kh < khHi; kh++)
                {
                    int ih = ih0 + kh * g.DilationH;
                    int xRow = (n * g.H + ih) * rowLen;
                    ref T wk = ref Unsafe.Add(ref wr, kh * kwc * O);
                    // Interior pixels: the window row is one contiguous run of KW·C inputs; 8 taps per pass.
                    int q = 0;
                    for (; q + 8 <= kwc; q += 8)
                    {
                        ref T wq = ref Unsafe.Add(ref wk, q * O);
                        var a0 = Vector256.LoadUnsafe(ref wq, 0);
                        var a1 = Vector256.LoadUnsafe(ref wq, (nuint)O);
                        var a2 = Vector256.LoadUnsafe(ref wq, (nuint)(2 * O));
                        var a3 = Vector256.LoadUnsafe(ref wq, (nuint)(3 * O));
                        var a4 = Vector256.LoadUnsafe(ref wq, (nuint)(4 * O));
                        var a5 = Vector256.LoadUnsafe(ref wq, (nuint)(5 * O));
                        var a6 = Vector256.LoadUnsafe(ref wq, (nuint)(6 * O));
                        var a7 = Vector256.LoadUnsafe(ref wq, (nuint)(7 * O));
                        for (int ow = lo; ow < hi; ow++)
                        {
                            var gv = Vector256.LoadUnsafe(ref gr, (nuint)((outRow + ow) * O));
                            ref T s = ref Unsafe.Add(ref xr, xRow + (ow * g.StrideW - g.PadLeft) * C + q);
                            a0 = Fma(Vector256.Create(s), gv, a0);
                            a1 = Fma(Vector256.Create(Unsafe.Add(ref s, 1)), gv, a1);
                            a2 = Fma(Vector256.Create(Unsafe.Add(ref s, 2)), gv, a2);
                            a3 = Fma(Vector256.Create(Unsafe.Add(ref s, 3)), gv, a3);
                            a4 = Fma(Vector256.Create(Unsafe.Add(ref s, 4)), gv, a4);
                            a5 = Fma(Vector256.Create(Unsafe.Add(ref s, 5)), gv, a5);
                            a6 = Fma(Vector256.Create(Unsafe.Add(ref s, 6)), gv, a6);
                            a7 = Fma(Vector256.Create(Unsafe.Add(ref s, 7)), gv, a7);
                        }
                        a0.StoreUnsafe(ref wq, 0);
                        a1.StoreUnsafe(ref wq, (nuint)O);
                        a2.StoreUnsafe(ref wq, (nuint)(2 * O));
                        a3.StoreUnsafe(ref wq, (nuint)(3 * O));
                        a4.StoreUnsafe(ref wq, (nuint)(4 * O));
                        a5.StoreUnsafe(ref wq, (nuint)(5 * O));
                        a6.StoreUnsafe(ref wq, (nuint)(6 * O));
                        a7.StoreUnsafe(ref wq, (nuint)(7 * O));
                    }
                    for (; q < kwc; q++)
                    {
                        ref T wq = ref Unsafe.Add(ref wk, q * O);
                        var a = Vector256.LoadUnsafe(ref wq);
                        for (int ow = lo; ow < hi; ow++)
                        {
                            var gv = Vector256.LoadUnsafe(ref gr, (nuint)((outRow + ow) * O));
                            a = Fma(Vector256.Create(Unsafe.Add(ref xr, xRow + (ow * g.StrideW - g.PadLeft) * C + q)), gv, a);
                        }
                        a.StoreUnsafe(ref wq);
                    }
                    // Border pixels: only the taps inside the image.
                    for (int ow = 0; ow < g.OW; ow++)
                    {
                        if (ow == lo) ow = Math.Max(hi, lo);
                        if (ow >= g.OW) break;
                        var gv = Vector256.LoadUnsafe(ref gr, (nuint)((outRow + ow) * O));
                        int iw0 = ow * g.StrideW - g.PadLeft;
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw = iw0 + kw;
                            if ((uint)iw >= (uint)g.W) continue;
                            for (int c = 0; c < C; c++)
                            {
                                ref T wq = ref Unsafe.Add(ref wk, (kw * C + c) * O);
                                Fma(Vector256.Create(Unsafe.Add(ref xr, xRow + iw * C + c)), gv, Vector256.LoadUnsafe(ref wq)).StoreUnsafe(ref wq);
                            }
                        }
                    }
                }
            }
        }
    }
}
