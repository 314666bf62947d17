using System.Numerics;

namespace DeepNotes.Kernels;

/// <summary>numpy.where(cond, a, b) over three broadcast operands; cond is nonzero for "take a".</summary>
internal static class Select
{
    public static Tensor Where(Tensor cond, Tensor a, Tensor b, string op)
    {
        cond.RequireCpu(op);
        a.RequireCpu(op);
        b.RequireCpu(op);
        int[] shape;
        try
        {
            shape = Shape.Broadcast(Shape.Broadcast(cond.Dims, a.Dims, op), b.Dims, op);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"{op}: operands could not be broadcast together with shapes {cond.Shape} {a.Shape} {b.Shape}");
        }
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        using var _ = Tensor.NoGrad();
        var c = Materialize(cond, shape, dtype);
        var x = Materialize(a, shape, dtype);
        var y = Materialize(b, shape, dtype);
        var result = new Tensor(shape, dtype);
        if (dtype == DType.Float32) Run<float>(c.AsSpan<float>(), x.AsSpan<float>(), y.AsSpan<float>(), result.AsSpan<float>());
        else Run<double>(c.AsSpan<double>(), x.AsSpan<double>(), y.AsSpan<double>(), result.AsSpan<double>());
        return result;
    }

    /// <summary>t broadcast to shape, contiguous and in dtype (t itself when it already is).</summary>
    private static Tensor Materialize(Tensor t, int[] shape, DType dtype)
    {
        var typed = t.AsType(dtype);
        if (typed.IsContiguous && typed.Dims.AsSpan().SequenceEqual(shape)) return typed;
        return new Tensor(typed.Storage, shape, Elementwise.BroadcastStrides(typed, shape), typed.Offset).CopyNoGrad();
    }

    private static void Run<T>(ReadOnlySpan<T> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            int w = Vector<T>.Count;
            for (; i <= d.Length - w; i += w)
            {
                var take = ~Vector.Equals(new Vector<T>(c.Slice(i, w)), Vector<T>.Zero);
                Vector.ConditionalSelect(take, new Vector<T>(a.Slice(i, w)), new Vector<T>(b.Slice(i, w))).CopyTo(d.Slice(i, w));
            }
        }
        for (; i < d.Length; i++) d[i] = c[i] != T.Zero ? a[i] : b[i];
    }
}
