using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.Kernels;

// Activation functions and their fused backward kernels (one pass over g and the saved tensor
// instead of a chain of temporaries). Parameterised activations take the parameter as the scalar y.

internal readonly struct SigmoidOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => FloatExp.Sigmoid(x, d);
}

internal readonly struct TanhOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Tanh(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => FloatExp.Tanh(x, d);
}

internal readonly struct ReluOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => x > T.Zero ? x : T.Zero;
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x, T.Zero, d);
}

/// <summary>softplus(x) = log(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|) so it never overflows.</summary>
internal readonly struct SoftplusOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.IsNaN(x) ? x : T.Max(x, T.Zero) + Log1pOperator.Invoke(T.Exp(-T.Abs(x)));
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]);
    }
}

/// <summary>sigmoid backward: g·r·(1 − r) with r the saved output.</summary>
internal readonly struct SigmoidBackwardOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T g, T r) where T : unmanaged, IFloatingPointIeee754<T> => g * r * (T.One - r);
    public static Vector<T> Invoke<T>(Vector<T> g, Vector<T> r) where T : unmanaged, IFloatingPointIeee754<T> => g * r * (Vector<T>.One - r);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<SigmoidBackwardOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<SigmoidBackwardOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<SigmoidBackwardOperator, T>(x, y, d);
}

/// <summary>tanh backward: g·(1 − r²) with r the saved output.</summary>
internal readonly struct TanhBackwardOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T g, T r) where T : unmanaged, IFloatingPointIeee754<T> => g * (T.One - r * r);
    public static Vector<T> Invoke<T>(Vector<T> g, Vector<T> r) where T : unmanaged, IFloatingPointIeee754<T> => g * (Vector<T>.One - r * r);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<TanhBackwardOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<TanhBackwardOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<TanhBackwardOperator, T>(x, y, d);
}

/// <summary>relu backward: g where x &gt; 0, else 0 (the course's dZ[Z &lt;= 0] = 0).</summary>
internal readonly struct ReluBackwardOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T g, T x) where T : unmanaged, IFloatingPointIeee754<T> => x > T.Zero ? g : T.Zero;
    public static Vector<T> Invoke<T>(Vector<T> g, Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Vector.GreaterThan(x, Vector<T>.Zero) & g;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<ReluBackwardOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<ReluBackwardOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<ReluBackwardOperator, T>(x, y, d);
}

/// <summary>leaky_relu(x, alpha) = x where x &gt; 0, else alpha·x.</summary>
internal readonly struct LeakyReluOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T x, T alpha) where T : unmanaged, IFloatingPointIeee754<T> => x > T.Zero ? x : alpha * x;
    public static Vector<T> Invoke<T>(Vector<T> x, Vector<T> alpha) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, alpha * x);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LeakyReluOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LeakyReluOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LeakyReluOperator, T>(x, y, d);
}

/// <summary>The slope of leaky_relu at x: 1 where x &gt; 0, else alpha.</summary>
internal readonly struct LeakySlopeOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T x, T alpha) where T : unmanaged, IFloatingPointIeee754<T> => x > T.Zero ? T.One : alpha;
    public static Vector<T> Invoke<T>(Vector<T> x, Vector<T> alpha) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), Vector<T>.One, alpha);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LeakySlopeOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LeakySlopeOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LeakySlopeOperator, T>(x, y, d);
}

/// <summary>elu(x, alpha) = x where x &gt; 0, else alpha·(eˣ − 1).</summary>
internal readonly struct EluOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T alpha) where T : unmanaged, IFloatingPointIeee754<T> => x > T.Zero ? x : alpha * Expm1Operator.Invoke(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i], y[i]);
    }
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i], y);
    }
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = Invoke(x, y[i]);
    }
}

/// <summary>The slope of elu from its output r: 1 where r &gt; 0, else r + alpha (= alpha·eˣ).</summary>
internal readonly struct EluSlopeOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T r, T alpha) where T : unmanaged, IFloatingPointIeee754<T> => r > T.Zero ? T.One : r + alpha;
    public static Vector<T> Invoke<T>(Vector<T> r, Vector<T> alpha) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector.ConditionalSelect(Vector.GreaterThan(r, Vector<T>.Zero), Vector<T>.One, r + alpha);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<EluSlopeOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<EluSlopeOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<EluSlopeOperator, T>(x, y, d);
}
