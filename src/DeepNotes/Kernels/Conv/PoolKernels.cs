using System.Buffers;
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
    /// Max pool with whole vectors of channels that also records, per output element, the flat index (relative to
    /// xOff) of the first window position (row-major) holding the maximum, like <see cref="Max{T}"/>; a NaN wins.
    /// The index rides in the lanes of a vector as an integer of T's width (int for float, long for double).
    /// Input rows are streamed in order with the running maxima of one output row kept in a buffer, so the update
    /// chains of neighbouring windows are independent and overlap (one window at a time is latency-bound).
    /// </summary>
    public static void MaxVectorArgmax<T>(ConvGeometry g, T[] x, int xOff, T[] y, int[] argmax) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int v = Vector256<T>.Count;
        ForImages(g, n =>
        {
            int C = g.C, rowLen = g.W * C, imageBase = n * g.H * rowLen, outRow = g.OW * C;
            var bestBuf = ArrayPool<T>.Shared.Rent(outRow);
            var whereBuf = ArrayPool<T>.Shared.Rent(outRow);
            try
            {
                ref T xr = ref x[xOff];
                ref T br = ref bestBuf[0];
                ref T wr = ref whereBuf[0];
                var step = Broadcast<T>(C);
                for (int oh = 0; oh < g.OH; oh++)
                {
                    int h0 = Math.Max(oh * g.StrideH - g.PadTop, 0), h1 = Math.Min(oh * g.StrideH - g.PadTop + g.KH, g.H);
                    for (int ih = h0; ih < h1; ih++)
                    {
                        int row = imageBase + ih * rowLen;
                        for (int ow = 0; ow < g.OW; ow++)
                        {
                            int w0 = Math.Max(ow * g.StrideW - g.PadLeft, 0), w1 = Math.Min(ow * g.StrideW - g.PadLeft + g.KW, g.W);
                            for (int c = 0; c < C; c += v)
                            {
                                int pos = row + w0 * C + c, iw = w0;
                                nuint slot = (nuint)(ow * C + c);
                                Vector256<T> best, where;
                                if (ih == h0)
                                {
                                    best = Vector256.LoadUnsafe(ref xr, (nuint)pos);
                                    where = LaneIndices<T>(pos);
                                    iw++;
                                    pos += C;
                                }
                                else
                                {
                                    best = Vector256.LoadUnsafe(ref br, slot);
                                    where = Vector256.LoadUnsafe(ref wr, slot);
                                }
                                var index = LaneIndices<T>(pos);
                                for (; iw < w1; iw++, pos += C)
                                {
                                    var cur = Vector256.LoadUnsafe(ref xr, (nuint)pos);
                                    var wins = Vector256.GreaterThan(cur, best) | ~Vector256.Equals(cur, cur);
                                    best = Vector256.ConditionalSelect(wins, cur, best);
                                    where = Vector256.ConditionalSelect(wins, index, where);
                                    index = AddLanes(index, step);
                                }
                                best.StoreUnsafe(ref br, slot);
                                where.StoreUnsafe(ref wr, slot);
                            }
                        }
                    }
                    int o = (n * g.OH + oh) * outRow;
                    bestBuf.AsSpan(0, outRow).CopyTo(y.AsSpan(o, outRow));
                    for (int i = 0; i < outRow; i += v) StoreIndices(Vector256.LoadUnsafe(ref wr, (nuint)i), argmax.AsSpan(o + i, v));
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(bestBuf);
                ArrayPool<T>.Shared.Return(whereBuf);
            }
        });
    }

    /// <summary>value in every lane, as an integer of T's width.</summary>
    private static Vector256<T> Broadcast<T>(int value) where T : unmanaged => typeof(T) == typeof(float)
        ? Vector256.Create(value).As<int, T>()
        : Vector256.Create((long)value).As<long, T>();

    /// <summary>Lane-wise integer sum of two index vectors (integers of T's width).</summary>
    private static Vector256<T> AddLanes<T>(Vector256<T> a, Vector256<T> b) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (a.As<T, int>() + b.As<T, int>()).As<int, T>();
        return (a.As<T, long>() + b.As<T, long>()).As<long, T>();
    }

    /// <summary>at, at + 1, … in the lanes of a vector, as integers of T's width.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> LaneIndices<T>(int at) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (Vector256.Create(at) + Vector256<int>.Indices).As<int, T>();
        return (Vector256.Create((long)at) + Vector256<long>.Indices).As<long, T>();
    }

    private static void StoreIndices<T>(Vector256<T> where, Span<int> dst) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            where.As<T, int>().CopyTo(dst);
            return;
        }
        var wide = where.As<T, long>();
        for (int l = 0; l < dst.Length; l++) dst[l] = (int)wide[l];
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

    /// <summary>Runs body per image, in runs of images over the kernel threads when the tensor is big enough.</summary>
    internal static void ForImages(ConvGeometry g, Action<int> body) =>
        ImageChunks.For(g.N, (long)g.N * g.H * g.W * g.C, ParallelThreshold, (n0, n1) =>
        {
            for (int n = n0; n < n1; n++) body(n);
        });
}
