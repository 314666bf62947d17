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

    /// <summary>
    /// t broadcast to shape, contiguous and in dtype (t itself when it already is); a one-element t stays one
    /// element (the kernel broadcasts it in registers).
    /// </summary>
    private static Tensor Materialize(Tensor t, int[] shape, DType dtype)
    {
        var typed = t.AsType(dtype);
        if (typed.Size == 1) return typed.Contiguous();
        if (typed.IsContiguous && typed.Dims.AsSpan().SequenceEqual(shape)) return typed;
        return new Tensor(typed.Storage, shape, Elementwise.BroadcastStrides(typed, shape), typed.Offset).CopyNoGrad();
    }

    /// <summary>d = c ? a : b; an operand of length 1 (when d is longer) is a broadcast scalar.</summary>
    private static void Run<T>(ReadOnlySpan<T> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool cs = c.Length != d.Length, xs = a.Length != d.Length, ys = b.Length != d.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            int w = Vector<T>.Count;
            var cv = cs ? new Vector<T>(c[0]) : default;
            var xv = xs ? new Vector<T>(a[0]) : default;
            var yv = ys ? new Vector<T>(b[0]) : default;
            for (; i <= d.Length - w; i += w)
            {
                var take = ~Vector.Equals(cs ? cv : new Vector<T>(c.Slice(i, w)), Vector<T>.Zero);
                Vector.ConditionalSelect(take, xs ? xv : new Vector<T>(a.Slice(i, w)), ys ? yv : new Vector<T>(b.Slice(i, w))).CopyTo(d.Slice(i, w));
            }
        }
        for (; i < d.Length; i++) d[i] = c[cs ? 0 : i] != T.Zero ? a[xs ? 0 : i] : b[ys ? 0 : i];
    }
}
