using System.Numerics;
using DeepNotes.Kernels;

namespace DeepNotes;

// Comparisons return 1/0 in the inputs' (promoted) dtype; they are not differentiable.
public sealed partial class Tensor
{
    public static Tensor Equal(Tensor a, Tensor b) => Elementwise.Binary<EqualOperator>(a, b, "equal");
}

internal readonly struct EqualOperator : IBinaryOperator
{
    public static T Invoke<T>(T x, T y) where T : unmanaged, IFloatingPointIeee754<T> => x == y ? T.One : T.Zero;
    public static void Invoke<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = x[i] == y[i] ? T.One : T.Zero;
    }
    public static void Invoke<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = x[i] == y ? T.One : T.Zero;
    }
    public static void Invoke<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++) d[i] = x == y[i] ? T.One : T.Zero;
    }
}
