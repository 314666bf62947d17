using DeepNotes.Gpu.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace DeepNotes.Gpu;

// Fused kernels: Adam update and recurrent cells.
public sealed partial class GpuBackend
{
    /// <summary>
    /// One Adam step in place on GPU tensors of one shape and dtype: updates m, v and the parameter p from its
    /// gradient g (step counts from 1). One kernel launch instead of a dozen elementwise ops.
    /// </summary>
    public void AdamUpdate(Tensor p, Tensor g, Tensor m, Tensor v, double learningRate, double beta1, double beta2, double epsilon, int step)
    {
        const string op = "adam";
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), $"{op}: step counts from 1, got {step}");
        foreach (var (name, t) in new[] { ("param", p), ("grad", g), ("m", m), ("v", v) })
        {
            if (!t.Device.Equals(Device)) throw new InvalidOperationException($"{op}: {name} is on {t.Device}, expected {Device}");
            if (t.Shape != p.Shape || t.DType != p.DType)
                throw new ArgumentException($"{op}: {name} has shape {t.Shape} {t.DType.Name()}, expected {p.Shape} {p.DType.Name()}");
            if (!t.IsContiguous || t.Offset != 0) throw new ArgumentException($"{op}: {name} must be a whole contiguous tensor");
        }
        if (p.Size == 0) return;
        var args = new AdamArgs
        {
            Beta1 = beta1, Beta2 = beta2, Epsilon = epsilon,
            StepSize = learningRate / (1 - Math.Pow(beta1, step)),
            Correction2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, step)),
        };
        if (p.DType == DType.Float32)
            Kernel("adam.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamArgs>(FusedKernels.Adam<float, F32>))
                (p.Size, ViewOf<float>(p), ViewOf<float>(g), ViewOf<float>(m), ViewOf<float>(v), args);
        else
            Kernel("adam.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, AdamArgs>(FusedKernels.Adam<double, F64>))
                (p.Size, ViewOf<double>(p), ViewOf<double>(g), ViewOf<double>(m), ViewOf<double>(v), args);
    }

    /// <summary>LSTM cell forward: (h, c) from gate pre-activations z (m, 4h) and c₋₁ (m, h).</summary>
    internal (Tensor H, Tensor C) LstmForward(Tensor z, Tensor cPrev)
    {
        int units = cPrev.Dims[1];
        var h = Allocate(cPrev.ShapeCopy(), z.DType);
        var c = Allocate(cPrev.ShapeCopy(), z.DType);
        if (h.Size == 0) return (h, c);
        if (z.DType == DType.Float32)
            Kernel("lstm.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(FusedKernels.LstmForward<float, F32>))
                (h.Size, ViewOf<float>(z), ViewOf<float>(cPrev), ViewOf<float>(h), ViewOf<float>(c), units);
        else
            Kernel("lstm.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>(FusedKernels.LstmForward<double, F64>))
                (h.Size, ViewOf<double>(z), ViewOf<double>(cPrev), ViewOf<double>(h), ViewOf<double>(c), units);
        return (h, c);
    }

    internal (Tensor Dz, Tensor DcPrev) LstmBackward(Tensor z, Tensor cPrev, Tensor dh, Tensor dc)
    {
        int units = cPrev.Dims[1];
        var dz = Allocate(z.ShapeCopy(), z.DType);
        var dcPrev = Allocate(cPrev.ShapeCopy(), z.DType);
        if (dcPrev.Size == 0) return (dz, dcPrev);
        if (z.DType == DType.Float32)
            Kernel("lstmback.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(FusedKernels.LstmBackward<float, F32>))
                (dcPrev.Size, ViewOf<float>(z), ViewOf<float>(cPrev), ViewOf<float>(dh), ViewOf<float>(dc), ViewOf<float>(dz), ViewOf<float>(dcPrev), units);
        else
            Kernel("lstmback.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>(FusedKernels.LstmBackward<double, F64>))
                (dcPrev.Size, ViewOf<double>(z), ViewOf<double>(cPrev), ViewOf<double>(dh), ViewOf<double>(dc), ViewOf<double>(dz), ViewOf<double>(dcPrev), units);
        return (dz, dcPrev);
    }

    internal Tensor GruForward(Tensor x, Tensor hp, Tensor hPrev)
    {
        int units = hPrev.Dims[1];
        var h = Allocate(hPrev.ShapeCopy(), x.DType);
        if (h.Size == 0) return h;
        if (x.DType == DType.Float32)
            Kernel("gru.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(FusedKernels.GruForward<float, F32>))
                (h.Size, ViewOf<float>(x), ViewOf<float>(hp), ViewOf<float>(hPrev), ViewOf<float>(h), units);
        else
            Kernel("gru.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>(FusedKernels.GruForward<double, F64>))
                (h.Size, ViewOf<double>(x), ViewOf<double>(hp), ViewOf<double>(hPrev), ViewOf<double>(h), units);
        return h;
    }

    internal (Tensor Dx, Tensor Dhp, Tensor DhPrev) GruBackward(Tensor x, Tensor hp, Tensor hPrev, Tensor dh)
    {
        int units = hPrev.Dims[1];
        var dx = Allocate(x.ShapeCopy(), x.DType);
        var dhp = Allocate(x.ShapeCopy(), x.DType);
        var dhPrev = Allocate(hPrev.ShapeCopy(), x.DType);
        if (dhPrev.Size == 0) return (dx, dhp, dhPrev);
        if (x.DType == DType.Float32)
            Kernel("gruback.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(FusedKernels.GruBackward<float, F32>))
                (dhPrev.Size, ViewOf<float>(x), ViewOf<float>(hp), ViewOf<float>(hPrev), ViewOf<float>(dh), ViewOf<float>(dx), ViewOf<float>(dhp), ViewOf<float>(dhPrev), units);
        else
            Kernel("gruback.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int>(FusedKernels.GruBackward<double, F64>))
                (dhPrev.Size, ViewOf<double>(x), ViewOf<double>(hp), ViewOf<double>(hPrev), ViewOf<double>(dh), ViewOf<double>(dx), ViewOf<double>(dhp), ViewOf<double>(dhPrev), units);
        return (dx, dhp, dhPrev);
    }
}
