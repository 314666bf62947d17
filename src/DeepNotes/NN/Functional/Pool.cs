using System.Numerics;
using DeepNotes.Kernels.Conv;

namespace DeepNotes.NN;

// Pooling over NHWC images: windowed max/average and global reductions.
public static partial class F
{
    /// <summary>
    /// Max pooling of x (N, H, W, C) with a pool×pool window; strides default to the pool size (Keras).
    /// Padding "valid" (default) or "same" (padded positions are ignored).
    /// </summary>
    public static Tensor MaxPool2D(Tensor x, int pool, int? stride = null, ConvPadding padding = default)
        => MaxPool2D(x, (pool, pool), stride is null ? null : (stride.Value, stride.Value), padding);

    /// <summary>Max pooling with per-axis pool size and strides (strides default to the pool size).</summary>
    public static Tensor MaxPool2D(Tensor x, (int H, int W) pool, (int H, int W)? strides, ConvPadding padding)
    {
        const string op = "max_pool2d";
        var g = PoolGeometry(x, pool, strides ?? pool, padding, op);
        if (!x.Device.IsCpu) return Backends.Gpu!.Pool2D(x, new(g.KH, g.KW, g.StrideH, g.StrideW, 1, 1, g.PadTop, g.PadLeft, g.OH, g.OW), max: true);
        var xc = x.Contiguous();
        var y = Tensor.Empty([g.N, g.OH, g.OW, g.C], x.DType);
        bool vector = x.DType == DType.Float32 ? PoolKernels.VectorMax<float>(g.C) : PoolKernels.VectorMax<double>(g.C);
        if (vector && !Autodiff.IsRecording(xc))
        {
            // Inference: whole vectors of channels and no argmax table.
            if (x.DType == DType.Float32) PoolKernels.MaxVector<float>(g, xc.Data<float>(), xc.Offset, y.Data<float>());
            else PoolKernels.MaxVector<double>(g, xc.Data<double>(), xc.Offset, y.Data<double>());
            return y;
        }
        // argmax holds, per output element, the flat index of its winner relative to xc's offset.
        var argmax = new int[y.Size];
        if (x.DType == DType.Float32)
        {
            if (vector) PoolKernels.MaxVectorArgmax<float>(g, xc.Data<float>(), xc.Offset, y.Data<float>(), argmax);
            else PoolKernels.Max<float>(g, xc.Data<float>(), xc.Offset, y.Data<float>(), argmax);
        }
        else
        {
            if (vector) PoolKernels.MaxVectorArgmax<double>(g, xc.Data<double>(), xc.Offset, y.Data<double>(), argmax);
            else PoolKernels.Max<double>(g, xc.Data<double>(), xc.Offset, y.Data<double>(), argmax);
        }
        if (TryRecordPooledConv(xc, y, argmax, g)) return y;
        // The gradient is a fresh contiguous tensor: dy scattered to the winners.
        return Autodiff.Record(y, op, [xc], grad =>
        {
            var gc = grad.AsType(x.DType).Contiguous();
            var dx = Tensor.Zeros(xc.ShapeCopy(), x.DType);
            if (x.DType == DType.Float32) PoolKernels.MaxBackward<float>(gc.AsSpan<float>(), argmax, dx.AsSpan<float>());
            else PoolKernels.MaxBackward<double>(gc.AsSpan<double>(), argmax, dx.AsSpan<double>());
            return [dx];
        });
    }

    /// <summary>
    /// Average pooling of x (N, H, W, C); strides default to the pool size. With "same" padding each window
    /// averages only its real pixels (TensorFlow's rule).
    /// </summary>
    public static Tensor AveragePool2D(Tensor x, int pool, int? stride = null, ConvPadding padding = default)
        => AveragePool2D(x, (pool, pool), stride is null ? null : (stride.Value, stride.Value), padding);

    /// <summary>Average pooling with per-axis pool size and strides (strides default to the pool size).</summary>
    public static Tensor AveragePool2D(Tensor x, (int H, int W) pool, (int H, int W)? strides, ConvPadding padding)
    {
        const string op = "avg_pool2d";
        var g = PoolGeometry(x, pool, strides ?? pool, padding, op);
        if (!x.Device.IsCpu) return Backends.Gpu!.Pool2D(x, new(g.KH, g.KW, g.StrideH, g.StrideW, 1, 1, g.PadTop, g.PadLeft, g.OH, g.OW), max: false);
        var xc = x.Contiguous();
        var y = Tensor.Empty([g.N, g.OH, g.OW, g.C], x.DType);
        if (x.DType == DType.Float32) PoolKernels.Average<float>(g, xc.Data<float>(), xc.Offset, y.Data<float>());
        else PoolKernels.Average<double>(g, xc.Data<double>(), xc.Offset, y.Data<double>());
        return Autodiff.Record(y, op, [xc], grad =>
        {
            var gc = grad.AsType(x.DType).Contiguous();
            var dx = Tensor.Zeros(xc.ShapeCopy(), x.DType);
            if (x.DType == DType.Float32) PoolKernels.AverageBackward<float>(g, gc.Data<float>(), gc.Offset, dx.Data<float>());
            else PoolKernels.AverageBackward<double>(g, gc.Data<double>(), gc.Offset, dx.Data<double>());
            return [dx];
        });
    }

    /// <summary>Mean over the spatial axes: (N, H, W, C) → (N, C), or (N, 1, 1, C) with keepDims.</summary>
    public static Tensor GlobalAveragePool2D(Tensor x, bool keepDims = false)
    {
        CheckRank4(x, "input", "global_avg_pool2d");
        return x.Mean([1, 2], keepDims);
    }

    /// <summary>Max over the spatial axes: (N, H, W, C) → (N, C), or (N, 1, 1, C) with keepDims.</summary>
    public static Tensor GlobalMaxPool2D(Tensor x, bool keepDims = false)
    {
        CheckRank4(x, "input", "global_max_pool2d");
        return x.Max([1, 2], keepDims);
    }

    private static ConvGeometry PoolGeometry(Tensor x, (int H, int W) pool, (int H, int W) strides, ConvPadding padding, string op)
    {
        CheckRank4(x, "input", op);
        if (pool.H <= 0 || pool.W <= 0) throw new ArgumentException($"{op}: pool size must be positive, got ({pool.H}, {pool.W})");
        int c = x.Dims[3];
        var g = Geometry(x.Dims[0], x.Dims[1], x.Dims[2], c, pool.H, pool.W, c, strides, (1, 1), padding, op);
        // A window that lies entirely in the padding would have nothing to pool.
        if ((g.OH - 1) * g.StrideH - g.PadTop >= g.H || (g.OW - 1) * g.StrideW - g.PadLeft >= g.W)
            throw new ArgumentException($"{op}: input {x.Shape} with pool ({pool.H}, {pool.W}), strides ({strides.H}, {strides.W}) and padding {padding} has windows outside the image");
        return g;
    }
}
