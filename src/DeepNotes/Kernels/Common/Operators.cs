using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.Kernels;

/// <summary>An elementwise function of one value, with a SIMD span form (usually TensorPrimitives).</summary>
internal interface IUnaryOperator
{
    static abstract T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>An elementwise function of two values with span∘span, span∘scalar and scalar∘span forms.</summary>
internal interface IBinaryOperator
{
    static abstract T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>;
}

internal readonly struct AddOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x + y;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(y, x, d);
}

internal readonly struct SubtractOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x - y;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Subtract(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Subtract(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Subtract(x, y, d);
}

internal readonly struct MultiplyOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x * y;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(y, x, d);
}

internal readonly struct DivideOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x / y;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Divide(x, y, d);
}

internal readonly struct PowOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => T.Pow(x, y);
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Pow(x, y, d);
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Pow(x, y, d);
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Pow(x, y, d);
}

internal readonly struct NegateOperator : IUnaryOperator
{
    public static T Invoke<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => -x;
    public static void Invoke<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Negate(x, d);
}
