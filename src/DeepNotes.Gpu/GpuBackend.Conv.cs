using DeepNotes.Gpu.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace DeepNotes.Gpu;

// Convolution (im2col + the tiled GEMM) and pooling, with their backward passes recorded for autodiff.
public sealed partial class GpuBackend
{
    public Tensor Conv2D(Tensor x, Tensor filters, Tensor? bias, ConvSpec spec)
    {
        var dt = DTypeExtensions.Promote(x.DType, filters.DType);
        if (bias is not null) dt = DTypeExtensions.Promote(dt, bias.DType);
        Tensor xc, wc, y;
        Tensor? bc;
        var g = Args(x, spec, filters.Dims[3]);
        using (Tensor.NoGrad())
        {
            xc = OnDevice(x, dt).Contiguous();
            wc = OnDevice(filters, dt).Contiguous();
            bc = bias is null ? null : OnDevice(bias, dt).Contiguous();
            var cols = Im2Col(xc, g);
            y = cols.MatMul(wc.Reshape(g.K, g.O));
            if (bc is not null) y = y + bc;
            y = y.Reshape(g.N, g.OH, g.OW, g.O);
        }
        Tensor[] inputs = bias is null ? [x, filters] : [x, filters, bias];
        return Autodiff.Record(y, "conv2d", inputs, grad =>
        {
            var gm = OnDevice(grad, dt).Contiguous().Reshape(g.N * g.OH * g.OW, g.O);
            Tensor? dx = null, dw = null, db = null;
            if (x.RequiresGrad) dx = Col2Im(gm.MatMul(wc.Reshape(g.K, g.O).T), g);
            if (filters.RequiresGrad) dw = Im2Col(xc, g).T.MatMul(gm).Reshape(g.KH, g.KW, g.C, g.O);
            if (bias is { RequiresGrad: true }) db = gm.Sum(0);
            return bias is null ? [dx, dw] : [dx, dw, db];
        });
    }

    public Tensor Pool2D(Tensor x, ConvSpec spec, bool max)
    {
        var g = Args(x, spec, x.Dims[3]);
        Tensor xc;
        using (Tensor.NoGrad()) xc = x.Contiguous();
        var y = Allocate([g.N, g.OH, g.OW, g.C], x.DType);
        if (y.Size > 0)
        {
            if (x.DType == DType.Float32) PoolTyped<float, F32>(xc, y, g, max);
            else PoolTyped<double, F64>(xc, y, g, max);
        }
        return Autodiff.Record(y, max ? "max_pool2d" : "avg_pool2d", [x], grad =>
        {
            var gc = OnDevice(grad, x.DType).Contiguous();
            var dx = Full(x.ShapeCopy(), 0, x.DType);
            if (gc.Size == 0) return [dx];
            if (x.DType == DType.Float32) PoolBackwardTyped<float, F32>(xc, gc, dx, g, max);
            else PoolBackwardTyped<double, F64>(xc, gc, dx, g, max);
            return [dx];
        });
    }

    private static ConvArgs Args(Tensor x, ConvSpec s, int outChannels) => new()
    {
        N = x.Dims[0], H = x.Dims[1], W = x.Dims[2], C = x.Dims[3], KH = s.KernelH, KW = s.KernelW, O = outChannels,
        StrideH = s.StrideH, StrideW = s.StrideW, DilationH = s.DilationH, DilationW = s.DilationW,
        PadTop = s.PadTop, PadLeft = s.PadLeft, OH = s.OutH, OW = s.OutW,
    };

    private Tensor Im2Col(Tensor x, ConvArgs g)
    {
        var cols = Allocate([g.N * g.OH * g.OW, g.K], x.DType);
        if (cols.Size == 0) return cols;
        if (x.DType == DType.Float32)
            Kernel("im2col.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ConvArgs>(ConvKernels.Im2Col<float, F32>))
                (cols.Size, ViewOf<float>(x), ViewOf<float>(cols), g);
        else
            Kernel("im2col.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ConvArgs>(ConvKernels.Im2Col<double, F64>))
                (cols.Size, ViewOf<double>(x), ViewOf<double>(cols), g);
        return cols;
    }

    private Tensor Col2Im(Tensor dcols, ConvArgs g)
    {
        var dcc = dcols.Contiguous();
        var dx = Allocate([g.N, g.H, g.W, g.C], dcc.DType);
        if (dx.Size == 0) return dx;
        if (dcc.DType == DType.Float32)
            Kernel("col2im.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ConvArgs>(ConvKernels.Col2Im<float, F32>))
                (dx.Size, ViewOf<float>(dcc), ViewOf<float>(dx), g);
        else
            Kernel("col2im.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ConvArgs>(ConvKernels.Col2Im<double, F64>))
                (dx.Size, ViewOf<double>(dcc), ViewOf<double>(dx), g);
        return dx;
    }

    private void PoolTyped<T, TNum>(Tensor x, Tensor y, ConvArgs g, bool max) where T : unmanaged where TNum : struct, INum<T>
    {
        string suffix = typeof(T).Name;
        if (max)
            Kernel("maxpool." + suffix, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ConvArgs>(ConvKernels.MaxPool<T, TNum>))
                (y.Size, ViewOf<T>(x), ViewOf<T>(y), g);
        else
            Kernel("avgpool." + suffix, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ConvArgs>(ConvKernels.AvgPool<T, TNum>))
                (y.Size, ViewOf<T>(x), ViewOf<T>(y), g);
    }

    private void PoolBackwardTyped<T, TNum>(Tensor x, Tensor dy, Tensor dx, ConvArgs g, bool max) where T : unmanaged where TNum : struct, INum<T>
    {
        if (!max)
        {
            Kernel("avgpoolback." + typeof(T).Name, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ConvArgs>(ConvKernels.AvgPoolBackward<T, TNum>))
                (dx.Size, ViewOf<T>(dy), ViewOf<T>(dx), g);
            return;
        }
        if (typeof(T) == typeof(float))
            Kernel("maxpoolback.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvArgs>(ConvKernels.MaxPoolBackward32))
                (dy.Size, ViewOf<float>(x), ViewOf<float>(dy), ViewOf<float>(dx), g);
        else
            Kernel("maxpoolback.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ConvArgs>(ConvKernels.MaxPoolBackward64))
                (dy.Size, ViewOf<double>(x), ViewOf<double>(dy), ViewOf<double>(dx), g);
    }
}
