using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels.Conv;

/// <summary>
/// Convolution without im2col for layers with exactly one SIMD vector of output channels (8 float32 or 4 float64,
/// e.g. the SIGNS net's first conv): every output pixel is one Vector256 accumulator, fed by broadcasting input
/// elements straight from x against filter rows. The forward pass runs every pixel 8 at a time with no bounds checks
/// over a zero-bordered copy of each image; the filter gradient runs interior pixels 8 taps at a time and skips the
/// taps of border pixels that fall into the padding. GEMM would waste most of its micro-tile on so few columns.
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

    /// <summary>
    /// y = conv(x, w) + bias for images [n0, n1), with relu applied before the store when asked. Each image is first
    /// copied into a zero-bordered buffer (when there is padding) so every output pixel runs the unchecked 8-pixel
    /// block: pixels near the border used to take a one-accumulator path that was latency-bound and ~8× slower.
    /// </summary>
    public static void Forward<T>(in ConvGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, Span<T> y, int n0, int n1, bool relu = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int C = g.C, O = g.O, kwc = g.KW * C, step = g.StrideW * C;
        int padBottom = Math.Max(0, (g.OH - 1) * g.StrideH + (g.KH - 1) * g.DilationH + 1 - g.H - g.PadTop);
        int padRight = Math.Max(0, (g.OW - 1) * g.StrideW + g.KW - g.W - g.PadLeft);
        int hp = g.H + g.PadTop + padBottom, wp = g.W + g.PadLeft + padRight, rowP = wp * C, rowX = g.W * C;
        bool padded = hp != g.H || wp != g.W;
        var biasV = bias.IsEmpty ? Vector256<T>.Zero : Vector256.Create(bias);
        var buffer = padded ? ArrayPool<T>.Shared.Rent(hp * rowP) : null;
        try
        {
            // Only the borders need zeros, and they stay zero: every image overwrites just the interior.
            if (buffer is not null)
            {
                buffer.AsSpan(0, g.PadTop * rowP).Clear();
                buffer.AsSpan((g.PadTop + g.H) * rowP, padBottom * rowP).Clear();
                for (int ih = 0; ih < g.H; ih++)
                {
                    buffer.AsSpan((g.PadTop + ih) * rowP, g.PadLeft * C).Clear();
                    buffer.AsSpan((g.PadTop + ih) * rowP + (g.PadLeft + g.W) * C, padRight * C).Clear();
                }
            }
            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T yr = ref MemoryMarshal.GetReference(y);
            nint rowStep = (nint)g.DilationH * rowP;
            for (int n = n0; n < n1; n++)
            {
                var image = x.Slice(n * g.H * rowX, g.H * rowX);
                ref T src = ref MemoryMarshal.GetReference(image);
                if (buffer is not null)
                {
                    for (int ih = 0; ih < g.H; ih++)
                        image.Slice(ih * rowX, rowX).CopyTo(buffer.AsSpan((g.PadTop + ih) * rowP + g.PadLeft * C, rowX));
                    src = ref buffer[0];
                }
                for (int oh = 0; oh < g.OH; oh++)
                {
                    ref T rowSrc = ref Unsafe.Add(ref src, oh * g.StrideH * rowP);
                    ref T dst = ref Unsafe.Add(ref yr, (n * g.OH + oh) * g.OW * O);
                    if (g.OW < 8)
                    {
                        for (int ow = 0; ow < g.OW; ow++)
                            Pixel(ref Unsafe.Add(ref rowSrc, ow * step), ref wr, ref Unsafe.Add(ref dst, ow * O), biasV, g.KH, kwc, rowStep, O, relu);
                        continue;
                    }
                    // Blocks of eight; a last partial block is redone from OW − 8 (the overlap stores the same values).
                    for (int ow = 0; ; ow += 8)
                    {
                        if (ow + 8 > g.OW) ow = g.OW - 8;
                        Pixels8(ref Unsafe.Add(ref rowSrc, ow * step), ref wr, ref Unsafe.Add(ref dst, ow * O), biasV, g.KH, kwc, rowStep, step, O, relu);
                        if (ow + 8 >= g.OW) break;
                    }
                }
            }
        }
        finally
        {
            if (buffer is not null) ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Eight output pixels step elements apart from a source with no borders to check: one weight load and eight
    /// FMAs with broadcast operands per tap, loop-invariant offsets in registers.
    /// </summary>
    private static void Pixels8<T>(ref T s, ref T wr, ref T dst, Vector256<T> biasV, int kh, int kwc, nint rowStep, int step, int o, bool relu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> a0 = biasV, a1 = biasV, a2 = biasV, a3 = biasV, a4 = biasV, a5 = biasV, a6 = biasV, a7 = biasV;
        nint st = step, st2 = 2 * (nint)step, st3 = 3 * (nint)step;
        ref T wq = ref wr;
        for (int r = 0; r < kh; r++)
        {
            ref T s0 = ref Unsafe.Add(ref s, r * rowStep);
            ref T s4 = ref Unsafe.Add(ref s0, 4 * st);
            for (int q = 0; q < kwc; q++)
            {
                var b = Vector256.LoadUnsafe(ref wq);
                a0 = Fma(Vector256.Create(s0), b, a0);
                a1 = Fma(Vector256.Create(Unsafe.Add(ref s0, st)), b, a1);
                a2 = Fma(Vector256.Create(Unsafe.Add(ref s0, st2)), b, a2);
                a3 = Fma(Vector256.Create(Unsafe.Add(ref s0, st3)), b, a3);
                a4 = Fma(Vector256.Create(s4), b, a4);
                a5 = Fma(Vector256.Create(Unsafe.Add(ref s4, st)), b, a5);
                a6 = Fma(Vector256.Create(Unsafe.Add(ref s4, st2)), b, a6);
                a7 = Fma(Vector256.Create(Unsafe.Add(ref s4, st3)), b, a7);
                s0 = ref Unsafe.Add(ref s0, 1);
                s4 = ref Unsafe.Add(ref s4, 1);
                wq = ref Unsafe.Add(ref wq, o);
            }
        }
        if (relu)
        {
            var zero = Vector256<T>.Zero;
            (a0, a1, a2, a3) = (Vector256.Max(a0, zero), Vector256.Max(a1, zero), Vector256.Max(a2, zero), Vector256.Max(a3, zero));
            (a4, a5, a6, a7) = (Vector256.Max(a4, zero), Vector256.Max(a5, zero), Vector256.Max(a6, zero), Vector256.Max(a7, zero));
        }
        a0.StoreUnsafe(ref dst, 0);
        a1.StoreUnsafe(ref dst, (nuint)o);
        a2.StoreUnsafe(ref dst, (nuint)(2 * o));
        a3.StoreUnsafe(ref dst, (nuint)(3 * o));
        a4.StoreUnsafe(ref dst, (nuint)(4 * o));
        a5.StoreUnsafe(ref dst, (nuint)(5 * o));
        a6.StoreUnsafe(ref dst, (nuint)(6 * o));
        a7.StoreUnsafe(ref dst, (nuint)(7 * o));
    }

    /// <summary>One output pixel from a source with no borders to check (rows narrower than eight pixels).</summary>
    private static void Pixel<T>(ref T s, ref T wr, ref T dst, Vector256<T> biasV, int kh, int kwc, nint rowStep, int o, bool relu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> a0 = biasV, a1 = Vector256<T>.Zero;
        ref T wq = ref wr;
        for (int r = 0; r < kh; r++)
        {
            ref T s0 = ref Unsafe.Add(ref s, r * rowStep);
            int q = 0;
            for (; q + 2 <= kwc; q += 2)
            {
                a0 = Fma(Vector256.Create(Unsafe.Add(ref s0, q)), Vector256.LoadUnsafe(ref wq), a0);
                a1 = Fma(Vector256.Create(Unsafe.Add(ref s0, q + 1)), Vector256.LoadUnsafe(ref wq, (nuint)o), a1);
                wq = ref Unsafe.Add(ref wq, 2 * o);
            }
            if (q < kwc)
            {
                a0 = Fma(Vector256.Create(Unsafe.Add(ref s0, q)), Vector256.LoadUnsafe(ref wq), a0);
                wq = ref Unsafe.Add(ref wq, o);
            }
        }
        var acc = a0 + a1;
        if (relu) acc = Vector256.Max(acc, Vector256<T>.Zero);
        acc.StoreUnsafe(ref dst);
    }

    /// <summary>
    /// Eight consecutive taps of one filter row, accumulated over the interior pixels [lo, hi) of one output row
    /// (kept small so the JIT keeps all eight accumulators in registers).
    /// </summary>
    private static void FilterTaps8<T>(ref T wq, ref T xq, ref T gr, int outRow, int lo, int hi, int step, int padC, int o)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a0 = Vector256.LoadUnsafe(ref wq, 0);
        var a1 = Vector256.LoadUnsafe(ref wq, (nuint)o);
        var a2 = Vector256.LoadUnsafe(ref wq, (nuint)(2 * o));
        var a3 = Vector256.LoadUnsafe(ref wq, (nuint)(3 * o));
        var a4 = Vector256.LoadUnsafe(ref wq, (nuint)(4 * o));
        var a5 = Vector256.LoadUnsafe(ref wq, (nuint)(5 * o));
        var a6 = Vector256.LoadUnsafe(ref wq, (nuint)(6 * o));
        var a7 = Vector256.LoadUnsafe(ref wq, (nuint)(7 * o));
        ref T gRow = ref Unsafe.Add(ref gr, outRow * o);
        ref T s = ref Unsafe.Add(ref xq, lo * step - padC);
        for (int ow = lo; ow < hi; ow++)
        {
            var gv = Vector256.LoadUnsafe(ref gRow, (nuint)(ow * o));
            a0 = Fma(Vector256.Create(s), gv, a0);
            a1 = Fma(Vector256.Create(Unsafe.Add(ref s, 1)), gv, a1);
            a2 = Fma(Vector256.Create(Unsafe.Add(ref s, 2)), gv, a2);
            a3 = Fma(Vector256.Create(Unsafe.Add(ref s, 3)), gv, a3);
            a4 = Fma(Vector256.Create(Unsafe.Add(ref s, 4)), gv, a4);
            a5 = Fma(Vector256.Create(Unsafe.Add(ref s, 5)), gv, a5);
            a6 = Fma(Vector256.Create(Unsafe.Add(ref s, 6)), gv, a6);
            a7 = Fma(Vector256.Create(Unsafe.Add(ref s, 7)), gv, a7);
            s = ref Unsafe.Add(ref s, step);
        }
        a0.StoreUnsafe(ref wq, 0);
        a1.StoreUnsafe(ref wq, (nuint)o);
        a2.StoreUnsafe(ref wq, (nuint)(2 * o));
        a3.StoreUnsafe(ref wq, (nuint)(3 * o));
        a4.StoreUnsafe(ref wq, (nuint)(4 * o));
        a5.StoreUnsafe(ref wq, (nuint)(5 * o));
        a6.StoreUnsafe(ref wq, (nuint)(6 * o));
        a7.StoreUnsafe(ref wq, (nuint)(7 * o));
    }

    /// <summary>Four taps, with even and odd pixels in separate accumulators so eight FMA chains overlap.</summary>
    private static void FilterTaps4<T>(ref T wq, ref T xq, ref T gr, int outRow, int lo, int hi, int step, int padC, int o)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        ref T gRow = ref Unsafe.Add(ref gr, outRow * o);
        ref T s = ref Unsafe.Add(ref xq, lo * step - padC);
        int ow = lo;
        for (; ow + 2 <= hi; ow += 2)
        {
            var gv = Vector256.LoadUnsafe(ref gRow, (nuint)(ow * o));
            var gw = Vector256.LoadUnsafe(ref gRow, (nuint)((ow + 1) * o));
            ref T t = ref Unsafe.Add(ref s, step);
            a0 = Fma(Vector256.Create(s), gv, a0);
            a1 = Fma(Vector256.Create(Unsafe.Add(ref s, 1)), gv, a1);
            a2 = Fma(Vector256.Create(Unsafe.Add(ref s, 2)), gv, a2);
            a3 = Fma(Vector256.Create(Unsafe.Add(ref s, 3)), gv, a3);
            b0 = Fma(Vector256.Create(t), gw, b0);
            b1 = Fma(Vector256.Create(Unsafe.Add(ref t, 1)), gw, b1);
            b2 = Fma(Vector256.Create(Unsafe.Add(ref t, 2)), gw, b2);
            b3 = Fma(Vector256.Create(Unsafe.Add(ref t, 3)), gw, b3);
            s = ref Unsafe.Add(ref s, 2 * step);
        }
        if (ow < hi)
        {
            var gv = Vector256.LoadUnsafe(ref gRow, (nuint)(ow * o));
            a0 = Fma(Vector256.Create(s), gv, a0);
            a1 = Fma(Vector256.Create(Unsafe.Add(ref s, 1)), gv, a1);
            a2 = Fma(Vector256.Create(Unsafe.Add(ref s, 2)), gv, a2);
            a3 = Fma(Vector256.Create(Unsafe.Add(ref s, 3)), gv, a3);
        }
        (Vector256.LoadUnsafe(ref wq, 0) + a0 + b0).StoreUnsafe(ref wq, 0);
        (Vector256.LoadUnsafe(ref wq, (nuint)o) + a1 + b1).StoreUnsafe(ref wq, (nuint)o);
        (Vector256.LoadUnsafe(ref wq, (nuint)(2 * o)) + a2 + b2).StoreUnsafe(ref wq, (nuint)(2 * o));
        (Vector256.LoadUnsafe(ref wq, (nuint)(3 * o)) + a3 + b3).StoreUnsafe(ref wq, (nuint)(3 * o));
    }

    /// <summary>One tap, with four pixel phases in separate accumulators.</summary>
    private static void FilterTap1<T>(ref T wq, ref T xq, ref T gr, int outRow, int lo, int hi, int step, int padC, int o)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default;
        ref T gRow = ref Unsafe.Add(ref gr, outRow * o);
        ref T s = ref Unsafe.Add(ref xq, lo * step - padC);
        int ow = lo;
        for (; ow + 4 <= hi; ow += 4)
        {
            a0 = Fma(Vector256.Create(s), Vector256.LoadUnsafe(ref gRow, (nuint)(ow * o)), a0);
            a1 = Fma(Vector256.Create(Unsafe.Add(ref s, step)), Vector256.LoadUnsafe(ref gRow, (nuint)((ow + 1) * o)), a1);
            a2 = Fma(Vector256.Create(Unsafe.Add(ref s, 2 * step)), Vector256.LoadUnsafe(ref gRow, (nuint)((ow + 2) * o)), a2);
            a3 = Fma(Vector256.Create(Unsafe.Add(ref s, 3 * step)), Vector256.LoadUnsafe(ref gRow, (nuint)((ow + 3) * o)), a3);
            s = ref Unsafe.Add(ref s, 4 * step);
        }
        for (; ow < hi; ow++)
        {
            a0 = Fma(Vector256.Create(s), Vector256.LoadUnsafe(ref gRow, (nuint)(ow * o)), a0);
            s = ref Unsafe.Add(ref s, step);
        }
        (Vector256.LoadUnsafe(ref wq) + (a0 + a1) + (a2 + a3)).StoreUnsafe(ref wq);
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
                        FilterTaps8(ref Unsafe.Add(ref wk, q * O), ref Unsafe.Add(ref xr, xRow + q), ref gr, outRow, lo, hi, g.StrideW * C, g.PadLeft * C, O);
                    for (; q + 4 <= kwc; q += 4)
                        FilterTaps4(ref Unsafe.Add(ref wk, q * O), ref Unsafe.Add(ref xr, xRow + q), ref gr, outRow, lo, hi, g.StrideW * C, g.PadLeft * C, O);
                    for (; q < kwc; q++)
                        FilterTap1(ref Unsafe.Add(ref wk, q * O), ref Unsafe.Add(ref xr, xRow + q), ref gr, outRow, lo, hi, g.StrideW * C, g.PadLeft * C, O);
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
