using System.Numerics;

namespace DeepNotes.Kernels;

// Comparisons give 1 or 0 in the operands' dtype (numpy gives bools; 0/1 floats multiply straight into masks).

/// <summary>numpy.equal: 1 where x == y, else 0.</summary>
internal readonly struct EqualOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x == y ? T.One : T.Zero;
    public static Vector<T> Invoke<T>(Vector<T> x, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Vector.Equals(x, y) & Vector<T>.One;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<EqualOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<EqualOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<EqualOperator, T>(x, y, d);
}

/// <summary>numpy.not_equal (NaN != NaN): 1 where x != y, else 0.</summary>
internal readonly struct NotEqualOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x != y ? T.One : T.Zero;
    public static Vector<T> Invoke<T>(Vector<T> x, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Vector.AndNot(Vector<T>.One, Vector.Equals(x, y));
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<NotEqualOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<NotEqualOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<NotEqualOperator, T>(x, y, d);
}

/// <summary>numpy.greater: 1 where x &gt; y, else 0.</summary>
internal readonly struct GreaterOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x > y ? T.One : T.Zero;
    public static Vector<T> Invoke<T>(Vector<T> x, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Vector.GreaterThan(x, y) & Vector<T>.One;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<GreaterOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<GreaterOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<GreaterOperator, T>(x, y, d);
}

/// <summary>numpy.greater_equal: 1 where x &gt;= y, else 0.</summary>
internal readonly struct GreaterEqualOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x >= y ? T.One : T.Zero;
    public static Vector<T> Invoke<T>(Vector<T> x, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Vector.GreaterThanOrEqual(x, y) & Vector<T>.One;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<GreaterEqualOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<GreaterEqualOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<GreaterEqualOperator, T>(x, y, d);
}

/// <summary>numpy.less: 1 where x &lt; y, else 0.</summary>
internal readonly struct LessOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x < y ? T.One : T.Zero;
    public static Vector<T> Invoke<T>(Vector<T> x, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Vector.LessThan(x, y) & Vector<T>.One;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LessOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LessOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LessOperator, T>(x, y, d);
}

/// <summary>numpy.less_equal: 1 where x &lt;= y, else 0.</summary>
internal readonly struct LessEqualOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x <= y ? T.One : T.Zero;
    public static Vector<T> Invoke<T>(Vector<T> x, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Vector.LessThanOrEqual(x, y) & Vector<T>.One;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LessEqualOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LessEqualOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<LessEqualOperator, T>(x, y, d);
}
