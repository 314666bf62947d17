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

/// <summary>
/// The same function applied down the columns of a dense [n, inner] block (the axis is not the last one,
/// e.g. softmax over classes in the course's (classes, m) layout): SIMD over the inner axis, no transpose.
/// scratch holds 3·inner elements.
/// </summary>
internal interface IColumnOperator
{
    static abstract void Invoke<T>(ReadOnlySpan<T> x, Span<T> destination, int n, int inner, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A two-input column operator (backward rules); scratch holds 3·inner elements.</summary>
internal interface IColumnBinaryOperator
{
    static abstract void Invoke<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, int n, int inner, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Numerically stable softmax of a row: e^(x − max) / Σ e^(x − max).</summary>
internal readonly struct SoftmaxRow : IRowOperator, IColumnOperator
{
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, d);
        TensorPrimitives.Exp(d, d);
        T sum = TensorPrimitives.Sum<T>(d);
        TensorPrimitives.Multiply(d, T.One / sum, d);
    }

    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d, int n, int inner, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var max = scratch[..inner];
        var sum = scratch.Slice(inner, inner);
        Columns.Max(x, n, inner, max);
        sum.Clear();
        for (int r = 0; r < n; r++)
        {
            var row = d.Slice(r * inner, inner);
            TensorPrimitives.Subtract(x.Slice(r * inner, inner), max, row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Add(sum, row, sum);
        }
        TensorPrimitives.Reciprocal(sum, sum);
        for (int r = 0; r < n; r++) TensorPrimitives.Multiply(d.Slice(r * inner, inner), sum, d.Slice(r * inner, inner));
    }
}

/// <summary>Numerically stable log-softmax of a row: x − max − log Σ e^(x − max).</summary>
internal readonly struct LogSoftmaxRow : IRowOperator, IColumnOperator
{
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, d);
        TensorPrimitives.Exp(d, scratch);
        T logSum = T.Log(TensorPrimitives.Sum<T>(scratch));
        TensorPrimitives.Subtract(d, logSum, d);
    }

    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d, int n, int inner, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var max = scratch[..inner];
        var sum = scratch.Slice(inner, inner);
        var exp = scratch.Slice(2 * inner, inner);
        Columns.Max(x, n, inner, max);
        sum.Clear();
        for (int r = 0; r < n; r++)
        {
            var row = d.Slice(r * inner, inner);
            TensorPrimitives.Subtract(x.Slice(r * inner, inner), max, row);
            TensorPrimitives.Exp(row, exp);
            TensorPrimitives.Add(sum, exp, sum);
        }
        TensorPrimitives.Log(sum, sum);
        for (int r = 0; r < n; r++) TensorPrimitives.Subtract(d.Slice(r * inner, inner), sum, d.Slice(r * inner, inner));
    }
}

/// <summary>softmax backward: r ⊙ (g − ⟨g, r⟩) per row, from g and the output r.</summary>
internal readonly struct SoftmaxBackwardRow : IRowBinaryOperator, IColumnBinaryOperator
{
    public static void Invoke<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> r, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T dot = TensorPrimitives.Dot(g, r);
        TensorPrimitives.Subtract(g, dot, d);
        TensorPrimitives.Multiply(d, r, d);
    }

    public static void Invoke<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> r, Span<T> d, int n, int inner, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dot = scratch[..inner];
        dot.Clear();
        for (int k = 0; k < n; k++) TensorPrimitives.FusedMultiplyAdd(g.Slice(k * inner, inner), r.Slice(k * inner, inner), dot, dot);
        for (int k = 0; k < n; k++)
        {
            var row = d.Slice(k * inner, inner);
            TensorPrimitives.Subtract(g.Slice(k * inner, inner), dot, row);
            TensorPrimitives.Multiply(row, r.Slice(k * inner, inner), row);
        }
    }
}

/// <summary>log-softmax backward: g − e^r · Σ g per row, from g and the output r.</summary>
internal readonly struct LogSoftmaxBackwardRow : IRowBinaryOperator, IColumnBinaryOperator
{
    public static void Invoke<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> r, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = TensorPrimitives.Sum(g);
        TensorPrimitives.Exp(r, d);
        TensorPrimitives.Multiply(d, sum, d);
        TensorPrimitives.Subtract(g, d, d);
    }

    public static void Invoke<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> r, Span<T> d, int n, int inner, Span<T> scratch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sum = scratch[..inner];
        Columns.Sum(g, n, inner, sum);
        for (int k = 0; k < n; k++)
        {
            var row = d.Slice(k * inner, inner);
            TensorPrimitives.Exp(r.Slice(k * inner, inner), row);
            TensorPrimitives.Multiply(row, sum, row);
            TensorPrimitives.Subtract(g.Slice(k * inner, inner), row, row);
        }
    }
}

/// <summary>Column-wise folds of a dense [n, inner] block.</summary>
internal static class Columns
{
    public static void Max<T>(ReadOnlySpan<T> x, int n, int inner, Span<T> max) where T : unmanaged, IFloatingPointIeee754<T>
    {
        x[..inner].CopyTo(max);
        for (int r = 1; r < n; r++) TensorPrimitives.Max(max, x.Slice(r * inner, inner), max);
    }

    public static void Sum<T>(ReadOnlySpan<T> x, int n, int inner, Span<T> sum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        x[..inner].CopyTo(sum);
        for (int r = 1; r < n; r++) TensorPrimitives.Add(sum, x.Slice(r * inner, inner), sum);
    }
}

/// <summary>Runs row operators along the last axis, or their column forms along any other axis (no transposes).</summary>
internal static class Rows
{
    public static Tensor Apply<TOp>(Tensor x, int axis, string op) where TOp : IRowOperator, IColumnOperator
    {
        if (!x.Device.IsCpu) return Backends.Gpu!.Rows(typeof(TOp), x, Shape.NormalizeAxis(axis, x.Rank, op), op);
        x.RequireCpu(op);
        int ax = Shape.NormalizeAxis(axis, x.Rank, op);
        var src = x.Contiguous();
        var result = new Tensor(x.ShapeCopy(), x.DType);
        if (ax < x.Rank - 1)
        {
            var (outer, n, inner) = Split(x.Dims, ax);
            if (x.DType == DType.Float32) RunColumns<TOp, float>(src.AsSpan<float>(), result.AsSpan<float>(), outer, n, inner);
            else RunColumns<TOp, double>(src.AsSpan<double>(), result.AsSpan<double>(), outer, n, inner);
        }
        else if (x.DType == DType.Float32) Run<TOp, float>(src, result);
        else Run<TOp, double>(src, result);
        return result;
    }

    public static Tensor Apply<TOp>(Tensor a, Tensor b, int axis, string op) where TOp : IRowBinaryOperator, IColumnBinaryOperator
    {
        if (a.Shape != b.Shape) throw new ArgumentException($"{op}: shapes {a.Shape} and {b.Shape} differ");
        if (!Device.Common(op, a, b).IsCpu) return Backends.Gpu!.Rows(typeof(TOp), a, b, Shape.NormalizeAxis(axis, a.Rank, op), op);
        a.RequireCpu(op);
        b.RequireCpu(op);
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        int ax = Shape.NormalizeAxis(axis, a.Rank, op);
        if (ax < a.Rank - 1)
        {
            var ca = a.AsType(dtype).Contiguous();
            var cb = b.AsType(dtype).Contiguous();
            var (outer, n, inner) = Split(a.Dims, ax);
            var r = new Tensor(a.ShapeCopy(), dtype);
            if (dtype == DType.Float32) RunColumns<TOp, float>(ca.AsSpan<float>(), cb.AsSpan<float>(), r.AsSpan<float>(), outer, n, inner);
            else RunColumns<TOp, double>(ca.AsSpan<double>(), cb.AsSpan<double>(), r.AsSpan<double>(), outer, n, inner);
            return r;
        }
        var sa = a.AsType(dtype).Contiguous();
        var sb = b.AsType(dtype).Contiguous();
        var result = new Tensor(sa.ShapeCopy(), dtype);
        if (dtype == DType.Float32) Run<TOp, float>(sa, sb, result);
        else Run<TOp, double>(sa, sb, result);
        return result;
    }

    private static (int Outer, int N, int Inner) Split(int[] dims, int ax)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= dims[i];
        for (int i = ax + 1; i < dims.Length; i++) inner *= dims[i];
        return (outer, dims[ax], inner);
    }

    private static void RunColumns<TOp, T>(ReadOnlySpan<T> x, Span<T> d, int outer, int n, int inner) where TOp : IColumnOperator where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0 || inner == 0) return;
        var scratch = new T[3 * inner];
        int block = n * inner;
        for (int o = 0; o < outer; o++) TOp.Invoke(x.Slice(o * block, block), d.Slice(o * block, block), n, inner, scratch);
    }

    private static void RunColumns<TOp, T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d, int outer, int n, int inner) where TOp : IColumnBinaryOperator where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0 || inner == 0) return;
        var scratch = new T[3 * inner];
        int block = n * inner;
        for (int o = 0; o < outer; o++) TOp.Invoke(a.Slice(o * block, block), b.Slice(o * block, block), d.Slice(o * block, block), n, inner, scratch);
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
