using DeepNotes.Gpu.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace DeepNotes.Gpu;

// Axis reductions and the softmax family.
public sealed partial class GpuBackend
{
    public Tensor Reduce(Type operatorType, Tensor x, bool[] reduced, string op)
    {
        if (!OperatorMap.Reduce.TryGetValue(operatorType, out var code))
            return CpuFallback("Reduce", operatorType, [x, reduced, op], [x]);
        return ReduceCode(code, x, reduced, op);
    }

    internal Tensor ReduceCode(ReduceOp code, Tensor x, bool[] reduced, string op)
    {
        var outShape = new List<int>();
        int red = 1;
        for (int i = 0; i < x.Rank; i++)
        {
            if (reduced[i]) red *= x.Dims[i];
            else outShape.Add(x.Dims[i]);
        }
        var result = Allocate(outShape.ToArray(), x.DType);
        if (result.Size == 0) return result;
        if (red == 0)
        {
            if (code is ReduceOp.Max or ReduceOp.Min)
                throw new ArgumentException($"{op}: zero-size array to reduction operation which has no identity (shape {x.Shape})");
            Fill(result, code == ReduceOp.Product ? 1 : 0);
            return result;
        }
        // Read x as [kept..., reduced...] without copying: a permuted view and a layout over it.
        var perm = DeepNotes.Kernels.Reduction.ReducedLast(reduced);
        var view = x.PermuteNoGrad(perm);
        var layout = Layouts.For(view.Dims, view)[0];
        // One group per output when the reduced run is the fast-moving part in memory, else one thread per output.
        int keptStride = int.MaxValue, redStride = int.MaxValue;
        for (int i = 0; i < x.Rank; i++)
        {
            if (x.Dims[i] == 1) continue;
            if (reduced[i]) redStride = Math.Min(redStride, Math.Abs(x.StridesInternal[i]));
            else keptStride = Math.Min(keptStride, Math.Abs(x.StridesInternal[i]));
        }
        bool byGroup = result.Size == 1 || redStride < keptStride;
        if (x.DType == DType.Float32) ReduceTyped<float, F32>(x, layout, result, red, code, byGroup);
        else ReduceTyped<double, F64>(x, layout, result, red, code, byGroup);
        return result;
    }

    private void ReduceTyped<T, TNum>(Tensor x, Layout layout, Tensor result, int red, ReduceOp code, bool byGroup)
        where T : unmanaged where TNum : struct, INum<T>
    {
        string suffix = typeof(T).Name;
        if (byGroup)
            Kernel("reduce.rows." + suffix, a => a.LoadStreamKernel<ArrayView<T>, Layout, ArrayView<T>, int, int>(ReductionKernels.RowsByGroup<T, TNum>))
                (GroupPerItem(result.Size), ViewOf<T>(x), layout, ViewOf<T>(result), red, (int)code);
        else
            Kernel("reduce.cols." + suffix, a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, Layout, ArrayView<T>, int, int>(ReductionKernels.ColumnsByThread<T, TNum>))
                (result.Size, ViewOf<T>(x), layout, ViewOf<T>(result), red, (int)code);
    }

    public Tensor Rows(Type operatorType, Tensor x, int axis, string op)
    {
        if (!OperatorMap.Rows.TryGetValue(operatorType, out var code))
            return CpuFallback("Rows", operatorType, [x, axis, op], [x]);
        var result = Allocate(x.ShapeCopy(), x.DType);
        if (x.Size == 0) return result;
        var (xv, yv, n) = RowViews(x, result, axis);
        var lx = Layouts.For(xv.Dims, xv)[0];
        var ly = Layouts.For(yv.Dims, yv)[0];
        int rows = x.Size / n;
        if (x.DType == DType.Float32)
            Kernel("rows.f32", a => a.LoadStreamKernel<ArrayView<float>, Layout, ArrayView<float>, Layout, int, int>(RowKernels.Unary<float, F32>))
                (GroupPerItem(rows), ViewOf<float>(x), lx, ViewOf<float>(result), ly, n, (int)code);
        else
            Kernel("rows.f64", a => a.LoadStreamKernel<ArrayView<double>, Layout, ArrayView<double>, Layout, int, int>(RowKernels.Unary<double, F64>))
                (GroupPerItem(rows), ViewOf<double>(x), lx, ViewOf<double>(result), ly, n, (int)code);
        return result;
    }

    public Tensor Rows(Type operatorType, Tensor a, Tensor b, int axis, string op)
    {
        if (!OperatorMap.Rows.TryGetValue(operatorType, out var code))
            return CpuFallback("Rows", operatorType, [a, b, axis, op], [a, b]);
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        a = OnDevice(a, dtype);
        b = OnDevice(b, dtype);
        var result = Allocate(a.ShapeCopy(), dtype);
        if (a.Size == 0) return result;
        var (av, yv, n) = RowViews(a, result, axis);
        var (bv, _, _) = RowViews(b, result, axis);
        var la = Layouts.For(av.Dims, av)[0];
        var lb = Layouts.For(bv.Dims, bv)[0];
        var ly = Layouts.For(yv.Dims, yv)[0];
        int rows = a.Size / n;
        if (dtype == DType.Float32)
            Kernel("rowsback.f32", k => k.LoadStreamKernel<ArrayView<float>, Layout, ArrayView<float>, Layout, ArrayView<float>, Layout, int, int>(RowKernels.Backward<float, F32>))
                (GroupPerItem(rows), ViewOf<float>(a), la, ViewOf<float>(b), lb, ViewOf<float>(result), ly, n, (int)code);
        else
            Kernel("rowsback.f64", k => k.LoadStreamKernel<ArrayView<double>, Layout, ArrayView<double>, Layout, ArrayView<double>, Layout, int, int>(RowKernels.Backward<double, F64>))
                (GroupPerItem(rows), ViewOf<double>(a), la, ViewOf<double>(b), lb, ViewOf<double>(result), ly, n, (int)code);
        return result;
    }

    /// <summary>x and y viewed with axis last (no copies), and the row length.</summary>
    private static (Tensor X, Tensor Y, int N) RowViews(Tensor x, Tensor y, int axis)
    {
        var mask = new bool[x.Rank];
        mask[axis] = true;
        var perm = DeepNotes.Kernels.Reduction.ReducedLast(mask);
        return (x.PermuteNoGrad(perm), y.PermuteNoGrad(perm), x.Dims[axis]);
    }
}
