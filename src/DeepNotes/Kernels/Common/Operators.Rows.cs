using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.Kernels;

/// <summary>A function of a whole row (e.g. softmax over the last axis); scratch is a row-sized buffer.</summary>
internal interface IRowOperator
{
    static abstract void Invoke<T>(ReadOnlySpan<T> x, Span<T> destination, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A function of two aligned rows (e.g. softmax's backward from g and the saved output).</summary>
internal interface IRowBinaryOperator
{
    static abstract void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Numerically stable softmax of a row: e^(x − max) / Σ e^(x − max).</summary>
internal readonly struct SoftmaxRow : IRowOperator
{
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, d);
        TensorPrimitives.Exp(d, d);
        T sum = TensorPrimitives.Sum<T>(d);
        TensorPrimitives.Multiply(d, T.One / sum, d);
    }
}

/// <summary>Numerically stable log-softmax of a row: x − max − log Σ e^(x − max).</summary>
internal readonly struct LogSoftmaxRow : IRowOperator
{
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, d);
        TensorPrimitives.Exp(d, scratch);
        T logSum = T.Log(TensorPrimitives.Sum<T>(scratch));
        TensorPrimitives.Subtract(d, logSum, d);
    }
}

/// <summary>softmax backward: r ⊙ (g − ⟨g, r⟩) per row, from g and the output r.</summary>
internal readonly struct SoftmaxBackwardRow : IRowBinaryOperator
{
    public static void Invoke<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> r, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T dot = TensorPrimitives.Dot(g, r);
        TensorPrimitives.Subtract(g, dot, d);
        TensorPrimitives.Multiply(d, r, d);
    }
}

/// <summary>log-softmax backward: g − e^r · Σ g per row, from g and the output r.</summary>
internal readonly struct LogSoftmaxBackwardRow : IRowBinaryOperator
{
    public static void Invoke<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> r, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = TensorPrimitives.Sum(g);
        TensorPrimitives.Exp(r, d);
        TensorPrimitives.Multiply(d, sum, d);
        TensorPrimitives.Subtract(g, d, d);
    }
}

/// <summary>Runs row operators along any axis: the axis is moved last (a copy unless it already is) and back.</summary>
internal static class Rows
{
    public static Tensor Apply<TOp>(Tensor x, int axis, string op) where TOp : IRowOperator
    {
        if (!x.Device.IsCpu) return Backends.Gpu!.Rows(typeof(TOp), x, Shape.NormalizeAxis(axis, x.Rank, op), op);
        x.RequireCpu(op);
        int ax = Shape.NormalizeAxis(axis, x.Rank, op);
        var src = MoveLast(x, ax);
        var result = new Tensor(src.ShapeCopy(), x.DType);
        if (x.DType == DType.Float32) Run<TOp, float>(src, result);
        else Run<TOp, double>(src, result);
        return MoveBack(result, ax);
    }

    public static Tensor Apply<TOp>(Tensor a, Tensor b, int axis, string op) where TOp : IRowBinaryOperator
    {
        if (a.Shape != b.Shape) throw new ArgumentException($"{op}: shapes {a.Shape} and {b.Shape} differ");
        if (!Device.Common(op, a, b).IsCpu) return Backends.Gpu!.Rows(typeof(TOp), a, b, Shape.NormalizeAxis(axis, a.Rank, op), op);
        a.RequireCpu(op);
        b.RequireCpu(op);
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        int ax = Shape.NormalizeAxis(axis, a.Rank, op);
        var sa = MoveLast(a.AsType(dtype), ax);
        var sb = MoveLast(b.AsType(dtype), ax);
        var result = new Tensor(sa.ShapeCopy(), dtype);
        if (dtype == DType.Float32) Run<TOp, float>(sa, sb, result);
        else Run<TOp, double>(sa, sb, result);
        return MoveBack(result, ax);
    }

    private static Tensor MoveLast(Tensor x, int ax) => ax == x.Rank - 1 ? x.Contiguous() : x.PermuteNoGrad(MoveLastPermutation(x.Rank, ax)).CopyNoGrad();

    private static Tensor MoveBack(Tensor r, int ax)
    {
        if (ax == r.Rank - 1) return r;
        var perm = MoveLastPermutation(r.Rank, ax);
        var inverse = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
        return r.PermuteNoGrad(inverse).CopyNoGrad();
    }

    private static int[] MoveLastPermutation(int rank, int ax)
    {
        var perm = new int[rank];
        int k = 0;
        for (int i = 0; i < rank; i++) if (i != ax) perm[k++] = i;
        perm[k] = ax;
        return perm;
    }

    private static void Run<TOp, T>(Tensor x, Tensor d) where TOp : IRowOperator where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Dims[^1];
        if (n == 0 || x.Size == 0) return;
        var src = x.AsSpan<T>();
        var dst = d.AsSpan<T>();
        var scratch = new T[n];
        for (int o = 0; o < src.Length; o += n) TOp.Invoke(src.Slice(o, n), dst.Slice(o, n), scratch);
    }

    private static void Run<TOp, T>(Tensor a, Tensor b, Tensor d) where TOp : IRowBinaryOperator where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Dims[^1];
        if (n == 0 || a.Size == 0) return;
        var sa = a.AsSpan<T>();
        var sb = b.AsSpan<T>();
        var dst = d.AsSpan<T>();
        for (int o = 0; o < sa.Length; o += n) TOp.Invoke(sa.Slice(o, n), sb.Slice(o, n), dst.Slice(o, n));
    }
}

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
