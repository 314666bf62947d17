using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels.Conv;

/// <summary>
/// Max and average pooling over NHWC windows. Padded positions never take part: a max ignores them and an
/// average divides by the number of real pixels in the window (TensorFlow's "same" pooling).
/// Reuses <see cref="ConvGeometry"/> with KH×KW the pool size, O = C and no dilation.
/// </summary>
internal static class PoolKernels
{
    private const long ParallelThreshold = 1 << 18;

    /// <summary>Max pool; argmax receives, per output element, the flat index of the winning input element.</summary>
    public static void Max<T>(ConvGeometry g, T[] x, int xOff, T[] y, int[] argmax) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ForImages(g, n =>
        {
            int C = g.C, rowLen = g.W * C, imageBase = n * g.H * rowLen;
            int o = n * g.Pixels * C;
            for (int oh = 0; oh < g.OH; oh++)
            {
                int h0 = Math.Max(oh * g.StrideH - g.PadTop, 0), h1 = Math.Min(oh * g.StrideH - g.PadTop + g.KH, g.H);
                for (int ow = 0; ow < g.OW; ow++, o += C)
                {
                    int w0 = Math.Max(ow * g.StrideW - g.PadLeft, 0), w1 = Math.Min(ow * g.StrideW - g.PadLeft + g.KW, g.W);
                    var best = y.AsSpan(o, C);
                    var where = argmax.AsSpan(o, C);
                    int first = imageBase + h0 * rowLen + w0 * C;
                    x.AsSpan(xOff + first, C).CopyTo(best);
                    for (int c = 0; c < C; c++) where[c] = first + c;
                    for (int ih = h0; ih < h1; ih++)
                    {
                        for (int iw = ih == h0 ? w0 + 1 : w0; iw < w1; iw++)
                        {
                            int at = imageBase + ih * rowLen + iw * C;
                            var src = x.AsSpan(xOff + at, C);
                            for (int c = 0; c < C; c++)
                            {
                                // NaN wins, like numpy's max, so it propagates.
                                if (src[c] > best[c] || T.IsNaN(src[c]))
                                {
                                    best[c] = src[c];
                                    where[c] = at + c;
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /// <summary>Whether channels split into whole Vector256 registers (then max pooling needs no argmax table).</summary>
    public static bool VectorMax<T>(int channels) where T : unmanaged =>
        Vector256.IsHardwareAccelerated && channels % Vector256<T>.Count == 0;

    /// <summary>Max pool with whole vectors of channels; the backward finds the winners again by equality.</summary>
    public static void MaxVector<T>(ConvGeometry g, T[] x, int xOff, T[] y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int v = Vector256<T>.Count;
        ForImages(g, n =>
        {
            int C = g.C, rowLen = g.W * C, imageBase = xOff + n * g.H * rowLen;
            int o = n * g.Pixels * C;
            for (int oh = 0; oh < g.OH; oh++)
            {
                int h0 = Math.Max(oh * g.StrideH - g.PadTop, 0), h1 = Math.Min(oh * g.StrideH - g.PadTop + g.KH, g.H);
                for (int ow = 0; ow < g.OW; ow++, o += C)
                {
                    int w0 = Math.Max(ow * g.StrideW - g.PadLeft, 0), w1 = Math.Min(ow * g.StrideW - g.PadLeft + g.KW, g.W);
                    for (int c = 0; c < C; c += v)
                    {
                        var best = Vector256.Create<T>(x.AsSpan(imageBase + h0 * rowLen + w0 * C + c, v));
                        for (int ih = h0; ih < h1; ih++)
                        {
                            int at = imageBase + ih * rowLen + c;
                            for (int iw = w0; iw < w1; iw++)
                                best = Vector256.Max(best, Vector256.Create<T>(x.AsSpan(at + iw * C, v)));
                        }
                        best.CopyTo(y.AsSpan(o + c, v));
                    }
                }
            }
        });
    }

    /// <summary>
    /// dx (zeroed by the caller) += dy at the first window position (row-major) equal to the pooled maximum,
    /// matching the scalar path's choice among ties.
    /// </summary>
    public static void MaxVectorBackward<T>(ConvGeometry g, T[] x, int xOff, T[] y, T[] dy, int dyOff, T[] dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int v = Vector256<T>.Count;
        ForImages(g, n =>
        {
            int C = g.C, rowLen = g.W * C, imageBase = n * g.H * rowLen;
            int o = n * g.Pixels * C;
            for (int oh = 0; oh < g.OH; oh++)
            {
                int h0 = Math.Max(oh * g.StrideH - g.PadTop, 0), h1 = Math.Min(oh * g.StrideH - g.PadTop + g.KH, g.H);
                for (int ow = 0; ow < g.OW; ow++, o += C)
                {
                    int w0 = Math.Max(ow * g.StrideW - g.PadLeft, 0), w1 = Math.Min(ow * g.StrideW - g.PadLeft + g.KW, g.W);
                    for (int c = 0; c < C; c += v)
                    {
                        var best = Vector256.Create<T>(y.AsSpan(o + c, v));
                        var grad = Vector256.Create<T>(dy.AsSpan(dyOff + o + c, v));
                        var found = Vector256<T>.Zero;
                        for (int ih = h0; ih < h1; ih++)
                        {
                            int at = imageBase + ih * rowLen + c;
                            for (int iw = w0; iw < w1; iw++)
                            {
                                var hit = Vector256.AndNot(Vector256.Equals(Vector256.Create<T>(x.AsSpan(xOff + at + iw * C, v)), best), found);
                                if (hit == Vector256<T>.Zero) continue;
                                found |= hit;
                                var d = dx.AsSpan(at + iw * C, v);
                                (Vector256.Create<T>(d) + (grad & hit)).CopyTo(d);
                            }
                        }
                    }
                }
            }
        });
    }

    /// <summary>dx (zeroed by the caller) += dy scattered to the argmax positions.</summary>
    public static void MaxBackward<T>(ReadOnlySpan<T> dy, ReadOnlySpan<int> argmax, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < dy.Length; i++) dx[argmax[i]] += dy[i];
    }

    /// <summary>Average pool over the real (unpadded) pixels of each window.</summary>
    public static void Average<T>(ConvGeometry g, T[] x, int xOff, T[] y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ForImages(g, n =>
        {
            int C = g.C, rowLen = g.W * C, imageBase = xOff + n * g.H * rowLen;
            int o = n * g.Pixels * C;
            for (int oh = 0; oh < g.OH; oh++)
            {
                int h0 = Math.Max(oh * g.StrideH - g.PadTop, 0), h1 = Math.Min(oh * g.StrideH - g.PadTop + g.KH, g.H);
                for (int ow = 0; ow < g.OW; ow++, o += C)
                {
                    int w0 = Math.Max(ow * g.StrideW - g.PadLeft, 0), w1 = Math.Min(ow * g.StrideW - g.PadLeft + g.KW, g.W);
                    var acc = y.AsSpan(o, C);
                    acc.Clear();
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++)
                            System.Numerics.Tensors.TensorPrimitives.Add<T>(acc, x.AsSpan(imageBase + ih * rowLen + iw * C, C), acc);
                    var scale = T.One / T.CreateChecked((h1 - h0) * (w1 - w0));
                    System.Numerics.Tensors.TensorPrimitives.Multiply<T>(acc, scale, acc);
                }
            }
        });
    }

    /// <summary>dx (zeroed by the caller) += each dy spread evenly over its window's real pixels.</summary>
    public static void AverageBackward<T>(ConvGeometry g, T[] dy, int dyOff, T[] dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ForImages(g, n =>
        {
            int C = g.C, rowLen = g.W * C, imageBase = n * g.H * rowLen;
            int o = dyOff + n * g.Pixels * C;
            Span<T> share = C <= 256 ? stackalloc T[C] : new T[C];
            for (int oh = 0; oh < g.OH; oh++)
            {
                int h0 = Math.Max(oh * g.StrideH - g.PadTop, 0), h1 = Math.Min(oh * g.StrideH - g.PadTop + g.KH, g.H);
                for (int ow = 0; ow < g.OW; ow++, o += C)
                {
                    int w0 = Math.Max(ow * g.StrideW - g.PadLeft, 0), w1 = Math.Min(ow * g.StrideW - g.PadLeft + g.KW, g.W);
                    var scale = T.One / T.CreateChecked((h1 - h0) * (w1 - w0));
                    System.Numerics.Tensors.TensorPrimitives.Multiply<T>(dy.AsSpan(o, C), scale, share);
                    for (int ih = h0; ih < h1; ih++)
                        for (int iw = w0; iw < w1; iw++)
                        {
                            var d = dx.AsSpan(imageBase + ih * rowLen + iw * C, C);
                            System.Numerics.Tensors.TensorPrimitives.Add<T>(d, share, d);
                        }
                }
            }
        });
    }

    /// <summary>Runs body per image, on several threads when the tensor is big enough.</summary>
    internal static void ForImages(ConvGeometry g, Action<int> body)
    {
        long work = (long)g.N * g.H * g.W * g.C;
        if (work < ParallelThreshold || g.N < 2) for (int n = 0; n < g.N; n++) body(n);
        else
        {
            int workers = Math.Min(Environment.ProcessorCount, g.N);
            KernelThreads.For(workers, p =>
            {
                int n0 = g.N * p / workers, n1 = g.N * (p + 1) / workers;
                for (int n = n0; n < n1; n++) body(n);
            });
        }
    }
}
