using System.Reflection;
using DeepNotes.Gpu.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace DeepNotes.Gpu;

// Elementwise ops, copies, fills and dtype conversion.
public sealed partial class GpuBackend
{
    public Tensor Full(int[] shape, double value, DType dtype)
    {
        var t = Allocate((int[])shape.Clone(), dtype);
        Fill(t, value);
        return t;
    }

    public void Fill(Tensor x, double value)
    {
        if (x.Size == 0) return;
        var layout = Layouts.For(x.Dims, x)[0];
        if (x.DType == DType.Float32)
            Kernel("fill.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, Layout, float>(ElementwiseKernels.Fill))
                (x.Size, ViewOf<float>(x), layout, (float)value);
        else
            Kernel("fill.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, Layout, double>(ElementwiseKernels.Fill))
                (x.Size, ViewOf<double>(x), layout, value);
    }

    public Tensor Copy(Tensor x) => UnaryCode(UnaryOp.Identity, x);

    public void CopyInto(Tensor destination, Tensor source)
    {
        if (!destination.Device.Equals(Device)) throw new InvalidOperationException($"copy_: destination is on {destination.Device}, expected {Device}");
        if (destination.Shape != source.Shape) throw new ArgumentException($"copy_: shapes {destination.Shape} and {source.Shape} differ");
        if (!source.Device.IsCpu && !source.Device.Equals(Device))
            throw new InvalidOperationException($"copy_: source is on {source.Device}, destination on {destination.Device}");
        var src = OnDevice(source, destination.DType);
        if (destination.Size == 0) return;
        var l = Layouts.For(destination.Dims, src, destination);
        if (destination.DType == DType.Float32)
            Kernel("copy.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, Layout, ArrayView<float>, Layout>(CopyKernels.Copy))
                (destination.Size, ViewOf<float>(src), l[0], ViewOf<float>(destination), l[1]);
        else
            Kernel("copy.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, Layout, ArrayView<double>, Layout>(CopyKernels.Copy))
                (destination.Size, ViewOf<double>(src), l[0], ViewOf<double>(destination), l[1]);
    }

    public Tensor AsType(Tensor x, DType dtype)
    {
        if (dtype == x.DType) return Copy(x);
        var result = Allocate(x.ShapeCopy(), dtype);
        if (x.Size == 0) return result;
        var layout = Layouts.For(x.Dims, x)[0];
        if (dtype == DType.Float32)
            Kernel("to_f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, Layout, ArrayView<float>>(ElementwiseKernels.ToSingle))
                (x.Size, ViewOf<double>(x), layout, ViewOf<float>(result));
        else
            Kernel("to_f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, Layout, ArrayView<double>>(ElementwiseKernels.ToDouble))
                (x.Size, ViewOf<float>(x), layout, ViewOf<double>(result));
        return result;
    }

    public Tensor Unary(Type operatorType, Tensor x)
    {
        if (OperatorMap.Unary.TryGetValue(operatorType, out var op)) return UnaryCode(op, x);
        return CpuFallback("Unary", operatorType, [x], [x]);
    }

    internal Tensor UnaryCode(UnaryOp op, Tensor x)
    {
        var result = Allocate(x.ShapeCopy(), x.DType);
        if (x.Size == 0) return result;
        var layout = Layouts.For(x.Dims, x)[0];
        if (x.DType == DType.Float32)
            Kernel("unary.f32", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, Layout, ArrayView<float>, int>(ElementwiseKernels.Unary<float, F32>))
                (x.Size, ViewOf<float>(x), layout, ViewOf<float>(result), (int)op);
        else
            Kernel("unary.f64", a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, Layout, ArrayView<double>, int>(ElementwiseKernels.Unary<double, F64>))
                (x.Size, ViewOf<double>(x), layout, ViewOf<double>(result), (int)op);
        return result;
    }

    public Tensor Binary(Type operatorType, Tensor a, Tensor b, string op)
    {
        var shape = DeepNotes.Shape.Broadcast(a.Dims, b.Dims, op);
        if (!OperatorMap.Binary.TryGetValue(operatorType, out var code))
            return CpuFallback("Binary", operatorType, [a, b, op], [a, b]);
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        // A CPU scalar (x * 2.0) travels as a kernel argument instead of a one-element upload.
        if (b.Device.IsCpu && b.Rank == 0) return BinaryScalar(code, OnDevice(a, dtype), b.Item(), scalarLeft: false, shape);
        if (a.Device.IsCpu && a.Rank == 0) return BinaryScalar(code, OnDevice(b, dtype), a.Item(), scalarLeft: true, shape);
        return BinaryCode(code, OnDevice(a, dtype), OnDevice(b, dtype), shape);
    }

    private Tensor BinaryScalar(BinaryOp op, Tensor a, double scalar, bool scalarLeft, int[] shape)
    {
        var result = Allocate(shape, a.DType);
        if (result.Size == 0) return result;
        var la = Layouts.For(shape, a)[0];
        int left = scalarLeft ? 1 : 0;
        if (a.DType == DType.Float32)
            Kernel("binscalar.f32", acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, Layout, float, ArrayView<float>, int, int>(ElementwiseKernels.BinaryScalar<float, F32>))
                (result.Size, ViewOf<float>(a), la, (float)scalar, ViewOf<float>(result), (int)op, left);
        else
            Kernel("binscalar.f64", acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, Layout, double, ArrayView<double>, int, int>(ElementwiseKernels.BinaryScalar<double, F64>))
                (result.Size, ViewOf<double>(a), la, scalar, ViewOf<double>(result), (int)op, left);
        return result;
    }

    /// <summary>x on this device with dtype (a 0-d CPU scalar is uploaded; other tensors are already here).</summary>
    internal Tensor OnDevice(Tensor x, DType dtype)
    {
        using var _ = Tensor.NoGrad();
        if (x.Device.IsCpu) x = Upload(x);
        return x.DType == dtype ? x : AsType(x, dtype);
    }

    internal Tensor BinaryCode(BinaryOp op, Tensor a, Tensor b, int[] shape)
    {
        var result = Allocate(shape, a.DType);
        if (result.Size == 0) return result;
        var l = Layouts.For(shape, a, b);
        if (a.DType == DType.Float32)
            Kernel("binary.f32", acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, Layout, ArrayView<float>, Layout, ArrayView<float>, int>(ElementwiseKernels.Binary<float, F32>))
                (result.Size, ViewOf<float>(a), l[0], ViewOf<float>(b), l[1], ViewOf<float>(result), (int)op);
        else
            Kernel("binary.f64", acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, Layout, ArrayView<double>, Layout, ArrayView<double>, int>(ElementwiseKernels.Binary<double, F64>))
                (result.Size, ViewOf<double>(a), l[0], ViewOf<double>(b), l[1], ViewOf<double>(result), (int)op);
        return result;
    }

    /// <summary>
    /// Runs an engine op that has no GPU kernel yet on the CPU: downloads the tensor arguments, calls the engine's
    /// generic driver (Elementwise.Unary&lt;TOp&gt;, ...) and uploads the result. Correct, but pays two transfers.
    /// </summary>
    private Tensor CpuFallback(string driver, Type operatorType, object[] arguments, Tensor[] tensors)
    {
        var owner = driver switch
        {
            "Reduce" => typeof(DeepNotes.Kernels.Reduction),
            "Rows" => typeof(DeepNotes.Kernels.Elementwise).Assembly.GetType("DeepNotes.Kernels.Rows")!,
            _ => typeof(DeepNotes.Kernels.Elementwise),
        };
        var method = owner.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .First(m => m.Name == (driver == "Rows" ? "Apply" : driver) && m.IsGenericMethodDefinition && m.GetParameters().Length == arguments.Length)
            .MakeGenericMethod(operatorType);
        using var _ = Tensor.NoGrad();
        var args = arguments.Select(a => a is Tensor t && !t.Device.IsCpu ? Download(t) : a).ToArray();
        try
        {
            return Upload((Tensor)method.Invoke(null, args)!);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
