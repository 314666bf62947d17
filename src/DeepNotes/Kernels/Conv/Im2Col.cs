using System.Numerics;

namespace DeepNotes.Kernels.Conv;

/// <summary>
/// Unfolds NHWC images into the im2col matrix (one row per output pixel, one column per filter tap and
/// channel, in the (kh, kw, c) order of a (KH, KW, C, O) filter) and folds it back, summing overlaps.
/// </summary>
internal static class Im2Col
{
    /// <summary>Writes the rows of image n into cols (Pixels × K, row-major).</summary>
    public static void Unfold<T>(in ConvGeometry g, ReadOnlySpan<T> x, int n, Span<T> cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int C = g.C, K = g.K, rowLen = g.W * C;
        var image = x.Slice(n * g.H * rowLen, g.H * rowLen);
        int r = 0;
        for (int oh = 0; oh < g.OH; oh++)
        {
            int ih0 = oh * g.StrideH - g.PadTop;
            for (int ow = 0; ow < g.OW; ow++, r++)
            {
                var row = cols.Slice(r * K, K);
                int iw0 = ow * g.StrideW - g.PadLeft;
                // A whole filter row is one contiguous run of x when dilation is 1 and it lies inside.
                bool rowInside = g.DilationW == 1 && iw0 >= 0 && iw0 + g.KW <= g.W;
                int pos = 0;
                for (int kh = 0; kh < g.KH; kh++)
                {
                    int ih = ih0 + kh * g.DilationH;
                    if ((uint)ih >= (uint)g.H)
                    {
                        row.Slice(pos, g.KW * C).Clear();
                        pos += g.KW * C;
                        continue;
                    }
                    var src = image.Slice(ih * rowLen);
                    if (rowInside)
                    {
                        src.Slice(iw0 * C, g.KW * C).CopyTo(row.Slice(pos));
                        pos += g.KW * C;
                        continue;
                    }
                    for (int kw = 0; kw < g.KW; kw++, pos += C)
                    {
                        int iw = iw0 + kw * g.DilationW;
                        if ((uint)iw >= (uint)g.W) row.Slice(pos, C).Clear();
                        else src.Slice(iw * C, C).CopyTo(row.Slice(pos));
                    }
                }
            }
        }
    }

    /// <summary>Adds the rows of cols (Pixels × K) back into image n of dx (dx must be zeroed first).</summary>
    public static void Fold<T>(in ConvGeometry g, ReadOnlySpan<T> cols, int n, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int C = g.C, K = g.K, rowLen = g.W * C;
        var image = dx.Slice(n * g.H * rowLen, g.H * rowLen);
        int r = 0;
        for (int oh = 0; oh < g.OH; oh++)
        {
            int ih0 = oh * g.StrideH - g.PadTop;
            for (int ow = 0; ow < g.OW; ow++, r++)
            {
                var row = cols.Slice(r * K, K);
                int iw0 = ow * g.StrideW - g.PadLeft;
                bool rowInside = g.DilationW == 1 && iw0 >= 0 && iw0 + g.KW <= g.W;
                int pos = 0;
                for (int kh = 0; kh < g.KH; kh++)
                {
                    int ih = ih0 + kh * g.DilationH;
                    if ((uint)ih >= (uint)g.H)
                    {
                        pos += g.KW * C;
                        continue;
                    }
                    var dst = image.Slice(ih * rowLen);
                    if (rowInside)
                    {
                        var d = dst.Slice(iw0 * C, g.KW * C);
                        System.Numerics.Tensors.TensorPrimitives.Add<T>(d, row.Slice(pos, g.KW * C), d);
                        pos += g.KW * C;
                        continue;
                    }
                    for (int kw = 0; kw < g.KW; kw++, pos += C)
                    {
                        int iw = iw0 + kw * g.DilationW;
                        if ((uint)iw >= (uint)g.W) continue;
                        var d = dst.Slice(iw * C, C);
                        System.Numerics.Tensors.TensorPrimitives.Add<T>(d, row.Slice(pos, C), d);
                    }
                }
            }
        }
    }
}
