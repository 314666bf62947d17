using System.Numerics;

namespace DeepNotes.Kernels;

/// <summary>A binary function with a Vector&lt;T&gt; form, for ops TensorPrimitives has no primitive for.</summary>
internal interface IVectorBinaryOperator
{
    static abstract T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract Vector<T> Invoke<T>(Vector<T> x, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A unary function with a Vector&lt;T&gt; form.</summary>
internal interface IVectorUnaryOperator
{
    static abstract T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract Vector<T> Invoke<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>SIMD loops (Vector&lt;T&gt; body, scalar tail) that turn vector operators into span kernels.</summary>
internal static class VectorLoop
{
    public static void Unary<TOp, T>(ReadOnlySpan<T> x, Span<T> d)
        where TOp : IVectorUnaryOperator where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            int w = Vector<T>.Count;
            for (; i <= d.Length - w; i += w) TOp.Invoke(new Vector<T>(x.Slice(i, w))).CopyTo(d.Slice(i, w));
        }
        for (; i < d.Length; i++) d[i] = TOp.Invoke(x[i]);
    }

    public static void Binary<TOp, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
        where TOp : IVectorBinaryOperator where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            int w = Vector<T>.Count;
            for (; i <= d.Length - w; i += w)
                TOp.Invoke(new Vector<T>(x.Slice(i, w)), new Vector<T>(y.Slice(i, w))).CopyTo(d.Slice(i, w));
        }
        for (; i < d.Length; i++) d[i] = TOp.Invoke(x[i], y[i]);
    }

    public static void Binary<TOp, T>(ReadOnlySpan<T> x, T y, Span<T> d)
        where TOp : IVectorBinaryOperator where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            int w = Vector<T>.Count;
            var vy = new Vector<T>(y);
            for (; i <= d.Length - w; i += w) TOp.Invoke(new Vector<T>(x.Slice(i, w)), vy).CopyTo(d.Slice(i, w));
        }
        for (; i < d.Length; i++) d[i] = TOp.Invoke(x[i], y);
    }

    public static void Binary<TOp, T>(T x, ReadOnlySpan<T> y, Span<T> d)
        where TOp : IVectorBinaryOperator where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            int w = Vector<T>.Count;
            var vx = new Vector<T>(x);
            for (; i <= d.Length - w; i += w) TOp.Invoke(vx, new Vector<T>(y.Slice(i, w))).CopyTo(d.Slice(i, w));
        }
        for (; i < d.Length; i++) d[i] = TOp.Invoke(x, y[i]);
    }
}
