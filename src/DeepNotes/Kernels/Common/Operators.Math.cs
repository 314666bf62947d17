using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.Kernels;

// Elementwise math functions. Most are TensorPrimitives calls; log1p and expm1 fix up TensorPrimitives'
// log(1 + x) / exp(x) − 1 so they stay accurate for tiny x (the reason these functions exist).

internal readonly struct ExpOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Exp(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => FloatExp.Exp(x, d);
}

internal readonly struct LogOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Log(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Log(x, d);
}

internal readonly struct SqrtOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Sqrt(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sqrt(x, d);
}

internal readonly struct AbsOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Abs(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Abs(x, d);
}

internal readonly struct SquareOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => x * x;
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(x, x, d);
}

internal readonly struct ReciprocalOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.One / x;
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Reciprocal(x, d);
}

internal readonly struct SinOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Sin(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sin(x, d);
}

internal readonly struct CosOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Cos(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Cos(x, d);
}

/// <summary>numpy.sign: −1, 0 or 1 (NaN stays NaN).</summary>
internal readonly struct SignOperator : IUnaryOperator, IVectorUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x > T.Zero ? T.One : x < T.Zero ? -T.One : x;   // keeps 0, −0 and NaN as they are
    public static Vector<T> Invoke<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sign = (Vector.GreaterThan(x, Vector<T>.Zero) & Vector<T>.One) - (Vector.LessThan(x, Vector<T>.Zero) & Vector<T>.One);
        var keep = Vector.Equals(x, Vector<T>.Zero) | ~Vector.Equals(x, x);
        return Vector.ConditionalSelect(keep, x, sign);
    }
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Unary<SignOperator, T>(x, d);
}

/// <summary>log(1 + x) accurate near 0: log(u)·x/(u − 1) with u = 1 + x cancels u's rounding error (Goldberg).</summary>
internal readonly struct Log1pOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var u = T.One + x;
        return Fix(x, u, T.Log(u));
    }

    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Overlaps(d))
        {
            var copy = x.ToArray();
            Invoke<T>(copy, d);
            return;
        }
        TensorPrimitives.Add(x, T.One, d);
        TensorPrimitives.Log(d, d);
        for (int i = 0; i < d.Length; i++) d[i] = Fix(x[i], T.One + x[i], d[i]);
    }

    private static T Fix<T>(T x, T u, T logU) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (u == T.One) return x;
        if (T.IsInfinity(u) || T.IsNaN(u) || u <= T.Zero) return logU;
        return logU * x / (u - T.One);
    }
}

/// <summary>exp(x) − 1 accurate near 0: (u − 1)·x/log(u) with u = exp(x) (Kahan).</summary>
internal readonly struct Expm1Operator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => Fix(x, T.Exp(x));

    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Overlaps(d))
        {
            var copy = x.ToArray();
            Invoke<T>(copy, d);
            return;
        }
        TensorPrimitives.Exp(x, d);
        for (int i = 0; i < d.Length; i++) d[i] = Fix(x[i], d[i]);
    }

    private static T Fix<T>(T x, T u) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (u == T.One) return x;
        var um1 = u - T.One;
        if (um1 == -T.One || T.IsInfinity(u) || T.IsNaN(u)) return um1;
        return um1 * x / T.Log(u);
    }
}

/// <summary>numpy.maximum: NaN-propagating elementwise max.</summary>
internal readonly struct MaximumOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => T.Max(x, y);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(y, x, d);
}

/// <summary>numpy.minimum: NaN-propagating elementwise min.</summary>
internal readonly struct MinimumOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => T.Min(x, y);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(y, x, d);
}

/// <summary>
/// The share of maximum(x, y)'s gradient that goes to x: 1 where x &gt; y, ½ on ties, else 0.
/// (Swap the arguments for y's share, or for minimum.)
/// </summary>
internal readonly struct WinnerShareOperator : IBinaryOperator, IVectorBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> =>
        x > y ? T.One : x == y ? T.One / (T.One + T.One) : T.Zero;
    public static Vector<T> Invoke<T>(Vector<T> x, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var half = new Vector<T>(T.One / (T.One + T.One));
        return (Vector.GreaterThan(x, y) & Vector<T>.One) + (Vector.Equals(x, y) & half);
    }
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<WinnerShareOperator, T>(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<WinnerShareOperator, T>(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => VectorLoop.Binary<WinnerShareOperator, T>(x, y, d);
}

/// <summary>numpy.round: to the nearest integer, halves to even (banker's rounding, like numpy).</summary>
internal readonly struct RoundOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Round(x, MidpointRounding.ToEven);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Round(x, MidpointRounding.ToEven, d);
}

internal readonly struct FloorOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Floor(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Floor(x, d);
}

internal readonly struct CeilOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => T.Ceiling(x);
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Ceiling(x, d);
}
