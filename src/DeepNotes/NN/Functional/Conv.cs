using System.Numerics;
using System.Runtime.Intrinsics;
using DeepNotes.Kernels.Conv;

namespace DeepNotes.NN;

// 2-D convolution and transposed convolution in NHWC with Keras's filter layouts.
public static partial class F
{
    /// <summary>
    /// 2-D convolution (cross-correlation, like Keras/TensorFlow) of x (N, H, W, C) with filters (KH, KW, C, O),
    /// plus an optional bias (O). Returns (N, OH, OW, O). Padding "valid" (default), "same" (TensorFlow's
    /// arithmetic) or <see cref="ConvPadding.Explicit(int, int, int, int)"/>.
    /// </summary>
    public static Tensor Conv2D(Tensor x, Tensor filters, Tensor? bias = null, int stride = 1, ConvPadding padding = default, int dilation = 1)
        => Conv2D(x, filters, bias, (stride, stride), padding, (dilation, dilation));

    /// <summary>2-D convolution with per-axis strides and dilations (see the other overload).</summary>
    public static Tensor Conv2D(Tensor x, Tensor filters, Tensor? bias, (int H, int W) strides, ConvPadding padding, (int H, int W) dilation)
        => Conv2D(x, filters, bias, strides, padding, dilation, relu: false);

    /// <summary>
    /// relu(Conv2D(...)) as one op: the relu is applied in place and its mask folded into the backward, which saves
    /// two full-size temporaries per layer (the Conv2D layer uses it for activation "relu").
    /// </summary>
    public static Tensor Conv2DRelu(Tensor x, Tensor filters, Tensor? bias, (int H, int W) strides, ConvPadding padding, (int H, int W) dilation)
        => Conv2D(x, filters, bias, strides, padding, dilation, relu: true);

    private static Tensor Conv2D(Tensor x, Tensor filters, Tensor? bias, (int H, int W) strides, ConvPadding padding, (int H, int W) dilation, bool relu)
    {
        string op = relu ? "conv2d_relu" : "conv2d";
        CheckRank4(x, "input", op);
        CheckRank4(filters, "filters", op);
        int n = x.Dims[0], h = x.Dims[1], w = x.Dims[2], c = x.Dims[3];
        int kh = filters.Dims[0], kw = filters.Dims[1], o = filters.Dims[3];
        if (filters.Dims[2] != c)
            throw new ArgumentException($"{op}: input {x.Shape} has {c} channels but filters {filters.Shape} expect {filters.Dims[2]} (filters are (kh, kw, in_channels, out_channels))");
        CheckBias(bias, o, op);
        var g = Geometry(n, h, w, c, kh, kw, o, strides, dilation, padding, op);
        if (!Device.Common(op, x, filters).IsCpu)
        {
            var onDevice = Backends.Gpu!.Conv2D(x, filters, bias, new(kh, kw, g.StrideH, g.StrideW, g.DilationH, g.DilationW, g.PadTop, g.PadLeft, g.OH, g.OW));
            return relu ? onDevice.Relu() : onDevice;
        }
        var dt = Promote(x, filters, bias);
        var xc = x.AsType(dt).Contiguous();
        var wc = filters.AsType(dt).Contiguous();
        var bc = bias?.AsType(dt).Contiguous();

        var y = Tensor.Empty([n, g.OH, g.OW, o], dt);
        if (dt == DType.Float32) ConvForward<float>(g, xc, wc, bc, y, relu);
        else ConvForward<double>(g, xc, wc, bc, y, relu);

        Tensor[] inputs = bc is null ? [xc, wc] : [xc, wc, bc];
        Autodiff.Record(y, op, inputs, grad =>
        {
            var gc = grad.AsType(dt).Contiguous();
            // The relu-masked gradient lives only inside this rule, so it goes in a pooled buffer.
            using var mask = relu ? new PooledMask(gc, y) : null;
            if (mask is not null) gc = mask.Tensor;
            Tensor? dx = null, dw = null;
            if (xc.RequiresGrad)
            {
                dx = Tensor.Empty([n, h, w, c], dt);
                if (dt == DType.Float32) ConvBackwardInput<float>(g, gc, wc, dx);
                else ConvBackwardInput<double>(g, gc, wc, dx);
            }
            if (wc.RequiresGrad)
            {
                dw = Tensor.Empty([kh, kw, c, o], dt);
                if (dt == DType.Float32) ConvBackwardFilter<float>(g, xc, gc, dw);
                else ConvBackwardFilter<double>(g, xc, gc, dw);
            }
            var db = bc is { RequiresGrad: true } ? mask?.ChannelSums ?? ChannelSums(gc) : null;
            return bc is null ? [dx, dw] : [dx, dw, db];
        });
        RememberConv(y, g, xc, wc, bc, relu, inputs);
        return y;
    }

    /// <summary>Sums a contiguous channels-last gradient over everything but the last axis (the bias gradient).</summary>
    private static Tensor ChannelSums(Tensor g)
    {
        var db = Tensor.Empty([g.Dims[^1]], g.DType);
        if (g.DType == DType.Float32) ConvKernels.SumRows<float>(g.AsSpan<float>(), db.AsSpan<float>());
        else ConvKernels.SumRows<double>(g.AsSpan<double>(), db.AsSpan<double>());
        return db;
    }

    /// <summary>
    /// m = g where y > 0, else 0. When the channel count is one vector, the per-channel sums of m (the bias gradient)
    /// are accumulated in the same pass into sums; otherwise sums is left empty for the caller to compute.
    /// </summary>
    private static bool ReluMask<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> m, Span<T> sums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        bool summed = false;
        if (Vector256.IsHardwareAccelerated)
        {
            int v = Vector256<T>.Count;
            bool sum = sums.Length == v && g.Length % v == 0;
            Vector256<T> s0 = default, s1 = default;
            for (; i + 2 * v <= g.Length; i += 2 * v)
            {
                var m0 = Vector256.Create(g.Slice(i, v)) & Vector256.GreaterThan(Vector256.Create(y.Slice(i, v)), Vector256<T>.Zero);
                var m1 = Vector256.Create(g.Slice(i + v, v)) & Vector256.GreaterThan(Vector256.Create(y.Slice(i + v, v)), Vector256<T>.Zero);
                m0.CopyTo(m.Slice(i, v));
                m1.CopyTo(m.Slice(i + v, v));
                s0 += m0;
                s1 += m1;
            }
            for (; i + v <= g.Length; i += v)
            {
                var m0 = Vector256.Create(g.Slice(i, v)) & Vector256.GreaterThan(Vector256.Create(y.Slice(i, v)), Vector256<T>.Zero);
                m0.CopyTo(m.Slice(i, v));
                s0 += m0;
            }
            if (sum)
            {
                (s0 + s1).CopyTo(sums);
                summed = true;
            }
        }
        for (; i < g.Length; i++) m[i] = y[i] > T.Zero ? g[i] : T.Zero;
        return summed;
    }

    /// <summary>
    /// Transposed convolution (Keras Conv2DTranspose): x (N, H, W, Cin), filters (KH, KW, Cout, Cin), bias (Cout).
    /// It is the gradient of <see cref="Conv2D(Tensor, Tensor, Tensor?, int, ConvPadding, int)"/> with respect to its input,
    /// so the output is (N, H·s, W·s, Cout) for "same" and (N, (H−1)·s + (KH−1)·d + 1, …) for "valid".
    /// </summary>
    public static Tensor Conv2DTranspose(Tensor x, Tensor filters, Tensor? bias = null, int stride = 1, ConvPadding padding = default, int dilation = 1)
        => Conv2DTranspose(x, filters, bias, (stride, stride), padding, (dilation, dilation));

    /// <summary>Transposed convolution with per-axis strides and dilations (see the other overload).</summary>
    public static Tensor Conv2DTranspose(Tensor x, Tensor filters, Tensor? bias, (int H, int W) strides, ConvPadding padding, (int H, int W) dilation)
    {
        const string op = "conv2d_transpose";
        CheckRank4(x, "input", op);
        CheckRank4(filters, "filters", op);
        int n = x.Dims[0], h = x.Dims[1], w = x.Dims[2], cin = x.Dims[3];
        int kh = filters.Dims[0], kw = filters.Dims[1], cout = filters.Dims[2];
        if (filters.Dims[3] != cin)
            throw new ArgumentException($"{op}: input {x.Shape} has {cin} channels but filters {filters.Shape} expect {filters.Dims[3]} (filters are (kh, kw, out_channels, in_channels))");
        CheckBias(bias, cout, op);
        CheckPositive(strides, "strides", op);
        CheckPositive(dilation, "dilation", op);
        int outH = TransposedLength(h, kh, strides.H, dilation.H, padding, vertical: true);
        int outW = TransposedLength(w, kw, strides.W, dilation.W, padding, vertical: false);
        if (outH <= 0 || outW <= 0)
            throw new ArgumentException($"{op}: input {x.Shape} with filters {filters.Shape}, padding {padding} gives an empty output ({outH}, {outW})");
        // The conv that maps the output back to x: its input is our output, its output is x.
        var g = Geometry(n, outH, outW, cout, kh, kw, cin, strides, dilation, padding, op);
        if (g.OH != h || g.OW != w)
            throw new InvalidOperationException($"{op}: internal shape mismatch ({g.OH}, {g.OW}) vs ({h}, {w})");
        var dt = Promote(x, filters, bias);
        var xc = x.AsType(dt).Contiguous();
        var wc = filters.AsType(dt).Contiguous();
        var bc = bias?.AsType(dt).Contiguous();

        var y = Tensor.Empty([n, outH, outW, cout], dt);
        if (dt == DType.Float32) ConvBackwardInput<float>(g, xc, wc, y);
        else ConvBackwardInput<double>(g, xc, wc, y);
        if (bc is not null) AddBias(y, bc);

        Tensor[] inputs = bc is null ? [xc, wc] : [xc, wc, bc];
        return Autodiff.Record(y, op, inputs, grad =>
        {
            var gc = grad.AsType(dt).Contiguous();
            Tensor? dx = null, dw = null;
            if (xc.RequiresGrad)
            {
                dx = Tensor.Empty([n, h, w, cin], dt);
                if (dt == DType.Float32) ConvForward<float>(g, gc, wc, null, dx);
                else ConvForward<double>(g, gc, wc, null, dx);
            }
            if (wc.RequiresGrad)
            {
                dw = Tensor.Empty([kh, kw, cout, cin], dt);
                if (dt == DType.Float32) ConvBackwardFilter<float>(g, gc, xc, dw);
                else ConvBackwardFilter<double>(g, gc, xc, dw);
            }
            var db = bc is { RequiresGrad: true } ? ChannelSums(gc) : null;
            return bc is null ? [dx, dw] : [dx, dw, db];
        });
    }

    /// <summary>Keras's deconv_output_length without output_padding.</summary>
    private static int TransposedLength(int input, int k, int stride, int dilation, ConvPadding padding, bool vertical)
    {
        int keff = (k - 1) * dilation + 1;
        return (padding.Mode ?? "valid") switch
        {
            "same" => input * stride,
            "valid" => (input - 1) * stride + keff,
            _ => (input - 1) * stride + keff - (vertical ? padding.Top + padding.Bottom : padding.Left + padding.Right),
        };
    }

    private static ConvGeometry Geometry(int n, int h, int w, int c, int kh, int kw, int o,
        (int H, int W) strides, (int H, int W) dilation, ConvPadding padding, string op)
    {
        CheckPositive(strides, "strides", op);
        CheckPositive(dilation, "dilation", op);
        if (kh <= 0 || kw <= 0) throw new ArgumentException($"{op}: kernel size must be positive, got ({kh}, {kw})");
        var (oh, top) = padding.Resolve(h, (kh - 1) * dilation.H + 1, strides.H, vertical: true, op);
        var (ow, left) = padding.Resolve(w, (kw - 1) * dilation.W + 1, strides.W, vertical: false, op);
        return new ConvGeometry(n, h, w, c, kh, kw, o, strides.H, strides.W, dilation.H, dilation.W, top, left, oh, ow);
    }

    private static void ConvForward<T>(ConvGeometry g, Tensor x, Tensor w, Tensor? b, Tensor y, bool relu = false) where T : unmanaged, IFloatingPointIeee754<T>
        => ConvKernels.Forward<T>(g, x.Data<T>(), x.Offset, w.Data<T>(), w.Offset, b?.Data<T>(), b?.Offset ?? 0, y.Data<T>(), y.Offset, relu);

    private static void ConvBackwardInput<T>(ConvGeometry g, Tensor dy, Tensor w, Tensor dx) where T : unmanaged, IFloatingPointIeee754<T>
        => ConvKernels.BackwardInput<T>(g, dy.Data<T>(), dy.Offset, w.Data<T>(), w.Offset, dx.Data<T>(), dx.Offset);

    private static void ConvBackwardFilter<T>(ConvGeometry g, Tensor x, Tensor dy, Tensor dw) where T : unmanaged, IFloatingPointIeee754<T>
        => ConvKernels.BackwardFilter<T>(g, x.Data<T>(), x.Offset, dy.Data<T>(), dy.Offset, dw.Data<T>(), dw.Offset);

    /// <summary>Adds a per-channel bias to a contiguous channels-last tensor in place (before it is recorded).</summary>
    private static void AddBias(Tensor y, Tensor b)
    {
        if (y.DType == DType.Float32) ConvKernels.AddRowVector<float>(y.AsSpan<float>(), b.AsSpan<float>());
        else ConvKernels.AddRowVector<double>(y.AsSpan<double>(), b.AsSpan<double>());
    }

    private static DType Promote(Tensor a, Tensor b, Tensor? c = null)
    {
        var dt = DTypeExtensions.Promote(a.DType, b.DType);
        return c is null ? dt : DTypeExtensions.Promote(dt, c.DType);
    }

    private static void CheckRank4(Tensor t, string what, string op)
    {
        if (t.Rank != 4)
            throw new ArgumentException($"{op}: {what} must be 4-D ({(what == "input" ? "N, H, W, C" : "kh, kw, in, out")}), got shape {t.Shape}");
    }

    private static void CheckBias(Tensor? bias, int channels, string op)
    {
        if (bias is not null && (bias.Rank != 1 || bias.Dims[0] != channels))
            throw new ArgumentException($"{op}: bias must have shape ({channels},), got {bias.Shape}");
    }

    private static void CheckPositive((int H, int W) value, string what, string op)
    {
        if (value.H <= 0 || value.W <= 0)
            throw new ArgumentException($"{op}: {what} must be positive, got ({value.H}, {value.W})");
    }

    /// <summary>
    /// g where the relu output y is positive, else 0, in a buffer rented from the array pool (returned on Dispose).
    /// </summary>
    private sealed class PooledMask : IDisposable
    {
        private readonly float[]? floats;
        private readonly double[]? doubles;

        public PooledMask(Tensor g, Tensor y)
        {
            int size = g.Size;
            var sums = Tensor.Zeros([g.Dims[^1]], g.DType);
            bool summed;
            if (g.DType == DType.Float32)
            {
                floats = System.Buffers.ArrayPool<float>.Shared.Rent(Math.Max(size, 1));
                summed = ReluMask<float>(g.AsSpan<float>(), y.AsSpan<float>(), floats.AsSpan(0, size), sums.AsSpan<float>());
                Tensor = new Tensor(new CpuStorage<float>(floats), g.ShapeCopy(), g.Strides, 0);
            }
            else
            {
                doubles = System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(size, 1));
                summed = ReluMask<double>(g.AsSpan<double>(), y.AsSpan<double>(), doubles.AsSpan(0, size), sums.AsSpan<double>());
                Tensor = new Tensor(new CpuStorage<double>(doubles), g.ShapeCopy(), g.Strides, 0);
            }
            ChannelSums = summed ? sums : null;
        }

        /// <summary>The masked gradient (valid until Dispose).</summary>
        public Tensor Tensor { get; }

        /// <summary>Per-channel sums of the masked gradient when they came for free with the mask, else null.</summary>
        public Tensor? ChannelSums { get; }

        public void Dispose()
        {
            if (floats is not null) System.Buffers.ArrayPool<float>.Shared.Return(floats);
            if (doubles is not null) System.Buffers.ArrayPool<double>.Shared.Return(doubles);
        }
    }
}
