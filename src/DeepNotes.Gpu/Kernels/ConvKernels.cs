using ILGPU;
using ILGPU.Algorithms;

namespace DeepNotes.Gpu.Kernels;

/// <summary>Sizes of a 2-D convolution or pooling in NHWC (the engine's ConvGeometry, as a kernel argument).</summary>
internal struct ConvArgs
{
    public int N, H, W, C, KH, KW, O;
    public int StrideH, StrideW, DilationH, DilationW, PadTop, PadLeft, OH, OW;
    public readonly int K => KH * KW * C;
}

/// <summary>
/// im2col and col2im for GEMM-based convolution, and windowed pooling. One thread per output element; the
/// gathers are written so that neighbouring threads touch neighbouring channels (NHWC keeps C innermost).
/// </summary>
internal static class ConvKernels
{
    /// <summary>cols[(n·OH + oh)·OW + ow, (kh·KW + kw)·C + c] = x[n, oh·s − pad + kh·d, ow·s − pad + kw·d, c] or 0 in the padding.</summary>
    public static void Im2Col<T, TNum>(Index1D i, ArrayView<T> x, ArrayView<T> cols, ConvArgs g)
        where T : unmanaged where TNum : struct, INum<T>
    {
        int k = g.K;
        int row = i / k, col = i % k;
        int c = col % g.C, tap = col / g.C;
        int kw = tap % g.KW, kh = tap / g.KW;
        int ow = row % g.OW, rest = row / g.OW;
        int oh = rest % g.OH, n = rest / g.OH;
        int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
        int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
        cols[i] = ih >= 0 && ih < g.H && iw >= 0 && iw < g.W ? x[((n * g.H + ih) * g.W + iw) * g.C + c] : default(TNum).Zero;
    }

    /// <summary>dx[n, h, w, c] = Σ dcols over every (output pixel, tap) that read x[n, h, w, c] (a gather: no atomics).</summary>
    public static void Col2Im<T, TNum>(Index1D i, ArrayView<T> dcols, ArrayView<T> dx, ConvArgs g)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var num = default(TNum);
        int c = i % g.C, rest = i / g.C;
        int w = rest % g.W; rest /= g.W;
        int h = rest % g.H, n = rest / g.H;
        T acc = num.Zero;
        for (int kh = 0; kh < g.KH; kh++)
        {
            int th = h + g.PadTop - kh * g.DilationH;
            if (th < 0 || th % g.StrideH != 0) continue;
            int oh = th / g.StrideH;
            if (oh >= g.OH) continue;
            for (int kw = 0; kw < g.KW; kw++)
            {
                int tw = w + g.PadLeft - kw * g.DilationW;
                if (tw < 0 || tw % g.StrideW != 0) continue;
                int ow = tw / g.StrideW;
                if (ow >= g.OW) continue;
                int row = (n * g.OH + oh) * g.OW + ow;
                acc = num.Add(acc, dcols[row * g.K + (kh * g.KW + kw) * g.C + c]);
            }
        }
        dx[i] = acc;
    }

    /// <summary>Window bounds of output (oh, ow) clipped to the image (padding never takes part).</summary>
    private static void Window(ConvArgs g, int oh, int ow, out int h0, out int h1, out int w0, out int w1)
    {
        h0 = XMath.Max(oh * g.StrideH - g.PadTop, 0);
        h1 = XMath.Min(oh * g.StrideH - g.PadTop + g.KH, g.H);
        w0 = XMath.Max(ow * g.StrideW - g.PadLeft, 0);
        w1 = XMath.Min(ow * g.StrideW - g.PadLeft + g.KW, g.W);
    }

    /// <summary>Index in x of the max of output i's window (first occurrence; NaN wins like numpy).</summary>
    private static int ArgMax<T, TNum>(ArrayView<T> x, ConvArgs g, int i) where T : unmanaged where TNum : struct, INum<T>
    {
        var num = default(TNum);
        int c = i % g.C, rest = i / g.C;
        int ow = rest % g.OW; rest /= g.OW;
        int oh = rest % g.OH, n = rest / g.OH;
        Window(g, oh, ow, out int h0, out int h1, out int w0, out int w1);
        int best = ((n * g.H + h0) * g.W + w0) * g.C + c;
        T bestValue = x[best];
        for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++)
            {
                int at = ((n * g.H + ih) * g.W + iw) * g.C + c;
                T v = x[at];
                if (!num.IsNaN(bestValue) && (num.Gt(v, bestValue) || num.IsNaN(v)))
                {
                    best = at;
                    bestValue = v;
                }
            }
        return best;
    }

    public static void MaxPool<T, TNum>(Index1D i, ArrayView<T> x, ArrayView<T> y, ConvArgs g)
        where T : unmanaged where TNum : struct, INum<T>
        => y[i] = x[ArgMax<T, TNum>(x, g, i)];

    /// <summary>dx[argmax] += dy (dx zeroed first; atomics because overlapping windows may share a winner).</summary>
    public static void MaxPoolBackward32(Index1D i, ArrayView<float> x, ArrayView<float> dy, ArrayView<float> dx, ConvArgs g)
        => Atomic.Add(ref dx[ArgMax<float, F32>(x, g, i)], dy[i]);

    public static void MaxPoolBackward64(Index1D i, ArrayView<double> x, ArrayView<double> dy, ArrayView<double> dx, ConvArgs g)
        => Atomic.Add(ref dx[ArgMax<double, F64>(x, g, i)], dy[i]);

    public static void AvgPool<T, TNum>(Index1D i, ArrayView<T> x, ArrayView<T> y, ConvArgs g)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var num = default(TNum);
        int c = i % g.C, rest = i / g.C;
        int ow = rest % g.OW; rest /= g.OW;
        int oh = rest % g.OH, n = rest / g.OH;
        Window(g, oh, ow, out int h0, out int h1, out int w0, out int w1);
        T sum = num.Zero;
        for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++) sum = num.Add(sum, x[((n * g.H + ih) * g.W + iw) * g.C + c]);
        y[i] = num.Div(sum, num.From((h1 - h0) * (w1 - w0)));
    }

    /// <summary>dx[n, h, w, c] = Σ over windows containing (h, w) of dy / window size (a gather: no atomics).</summary>
    public static void AvgPoolBackward<T, TNum>(Index1D i, ArrayView<T> dy, ArrayView<T> dx, ConvArgs g)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var num = default(TNum);
        int c = i % g.C, rest = i / g.C;
        int w = rest % g.W; rest /= g.W;
        int h = rest % g.H, n = rest / g.H;
        T acc = num.Zero;
        // Outputs whose window [oh·s − pad, oh·s − pad + KH) contains h.
        int ohLo = XMath.Max(0, (h + g.PadTop - g.KH + g.StrideH) / g.StrideH);
        int ohHi = XMath.Min(g.OH - 1, (h + g.PadTop) / g.StrideH);
        int owLo = XMath.Max(0, (w + g.PadLeft - g.KW + g.StrideW) / g.StrideW);
        int owHi = XMath.Min(g.OW - 1, (w + g.PadLeft) / g.StrideW);
        for (int oh = ohLo; oh <= ohHi; oh++)
            for (int ow = owLo; ow <= owHi; ow++)
            {
                Window(g, oh, ow, out int h0, out int h1, out int w0, out int w1);
                if (h < h0 || h >= h1 || w < w0 || w >= w1) continue;
                acc = num.Add(acc, num.Div(dy[((n * g.OH + oh) * g.OW + ow) * g.C + c], num.From((h1 - h0) * (w1 - w0))));
            }
        dx[i] = acc;
    }
}
