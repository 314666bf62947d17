using DeepNotes.Kernels;

namespace DeepNotes;

// Comparisons with broadcasting. They return 1/0 in the operands' promoted dtype (numpy returns bools)
// and are not differentiable. == and != stay reference comparisons in C#: use Equal/NotEqual.
// Results are marked as masks (numpy's bool arrays) so that A[A < 0.5] indexes by mask.
public sealed partial class Tensor
{
    public static Tensor Equal(Tensor a, Tensor b) => Elementwise.Binary<EqualOperator>(a, b, "equal").MarkAsMask();
    public static Tensor Equal(Tensor a, double b) => Equal(a, a.ScalarLike(b));
    public static Tensor NotEqual(Tensor a, Tensor b) => Elementwise.Binary<NotEqualOperator>(a, b, "not_equal").MarkAsMask();
    public static Tensor NotEqual(Tensor a, double b) => NotEqual(a, a.ScalarLike(b));
    public static Tensor Greater(Tensor a, Tensor b) => Elementwise.Binary<GreaterOperator>(a, b, "greater").MarkAsMask();
    public static Tensor GreaterEqual(Tensor a, Tensor b) => Elementwise.Binary<GreaterEqualOperator>(a, b, "greater_equal").MarkAsMask();
    public static Tensor Less(Tensor a, Tensor b) => Elementwise.Binary<LessOperator>(a, b, "less").MarkAsMask();
    public static Tensor LessEqual(Tensor a, Tensor b) => Elementwise.Binary<LessEqualOperator>(a, b, "less_equal").MarkAsMask();

    public static Tensor operator >(Tensor a, Tensor b) => Greater(a, b);
    public static Tensor operator <(Tensor a, Tensor b) => Less(a, b);
    public static Tensor operator >=(Tensor a, Tensor b) => GreaterEqual(a, b);
    public static Tensor operator <=(Tensor a, Tensor b) => LessEqual(a, b);
    public static Tensor operator >(Tensor a, double b) => Greater(a, a.ScalarLike(b));
    public static Tensor operator <(Tensor a, double b) => Less(a, a.ScalarLike(b));
    public static Tensor operator >=(Tensor a, double b) => GreaterEqual(a, a.ScalarLike(b));
    public static Tensor operator <=(Tensor a, double b) => LessEqual(a, a.ScalarLike(b));
    public static Tensor operator >(double a, Tensor b) => Greater(b.ScalarLike(a), b);
    public static Tensor operator <(double a, Tensor b) => Less(b.ScalarLike(a), b);
    public static Tensor operator >=(double a, Tensor b) => GreaterEqual(b.ScalarLike(a), b);
    public static Tensor operator <=(double a, Tensor b) => LessEqual(b.ScalarLike(a), b);

    /// <summary>
    /// numpy.isclose: 1 where |a − b| ≤ atol + rtol·|b| (b is the reference), or a == b (equal infinities);
    /// NaNs compare equal only with equalNan.
    /// </summary>
    public static Tensor IsClose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
    {
        using var _ = NoGrad();
        var finiteB = Equal(b - b, 0.0);   // inf − inf and NaN give NaN
        var within = LessEqual((a - b).Abs(), b.Abs() * rtol + atol) * finiteB;
        var close = Maximum(within, Equal(a, b));
        if (equalNan) close = Maximum(close, NotEqual(a, a) * NotEqual(b, b));
        return close;
    }

    /// <summary>numpy.allclose: every element IsClose (with broadcasting).</summary>
    public static bool AllClose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) =>
        IsClose(a, b, rtol, atol, equalNan).Min().Item() == 1;

    /// <summary>numpy.array_equal: same shape and the same values (NaN ≠ NaN).</summary>
    public static bool ArrayEqual(Tensor a, Tensor b)
    {
        if (a.Shape != b.Shape) return false;
        if (a.Size == 0) return true;
        using var _ = NoGrad();
        return Equal(a, b).Min().Item() == 1;
    }
}
