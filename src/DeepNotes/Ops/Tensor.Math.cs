using DeepNotes.Kernels;

namespace DeepNotes;

// Elementwise math functions with numpy broadcasting, each with its derivative rule. Backward rules
// compute a gradient only for inputs that require one.
public sealed partial class Tensor
{
    public Tensor Log()
    {
        var r = Elementwise.Unary<LogOperator>(this);
        var x = this;
        return Autodiff.Record(r, "log", [this], g => [g / x]);
    }

    public Tensor Sqrt()
    {
        var r = Elementwise.Unary<SqrtOperator>(this);
        return Autodiff.Record(r, "sqrt", [this], g => [g / (r * 2.0)]);
    }

    /// <summary>|x| (numpy.abs); its gradient is sign(x), 0 at 0.</summary>
    public Tensor Abs()
    {
        var r = Elementwise.Unary<AbsOperator>(this);
        var x = this;
        return Autodiff.Record(r, "abs", [this], g => [g * x.Sign()]);
    }

    /// <summary>−1, 0 or 1 elementwise (numpy.sign); piecewise constant, so not recorded for autodiff.</summary>
    public Tensor Sign() => Elementwise.Unary<SignOperator>(this);

    /// <summary>x² (numpy.square).</summary>
    public Tensor Square()
    {
        var r = Elementwise.Unary<SquareOperator>(this);
        var x = this;
        return Autodiff.Record(r, "square", [this], g => [g * x * 2.0]);
    }

    /// <summary>1/x (numpy.reciprocal).</summary>
    public Tensor Reciprocal()
    {
        var r = Elementwise.Unary<ReciprocalOperator>(this);
        return Autodiff.Record(r, "reciprocal", [this], g => [-g * r * r]);
    }

    /// <summary>log(1 + x), accurate for tiny x (numpy.log1p).</summary>
    public Tensor Log1p()
    {
        var r = Elementwise.Unary<Log1pOperator>(this);
        var x = this;
        return Autodiff.Record(r, "log1p", [this], g => [g / (x + 1.0)]);
    }

    /// <summary>eˣ − 1, accurate for tiny x (numpy.expm1).</summary>
    public Tensor Expm1()
    {
        var r = Elementwise.Unary<Expm1Operator>(this);
        return Autodiff.Record(r, "expm1", [this], g => [g * (r + 1.0)]);
    }

    public Tensor Sin()
    {
        var r = Elementwise.Unary<SinOperator>(this);
        var x = this;
        return Autodiff.Record(r, "sin", [this], g => [g * x.Cos()]);
    }

    public Tensor Cos()
    {
        var r = Elementwise.Unary<CosOperator>(this);
        var x = this;
        return Autodiff.Record(r, "cos", [this], g => [-g * x.Sin()]);
    }

    /// <summary>Elementwise power with broadcasting (numpy.power / a ** b).</summary>
    public static Tensor Pow(Tensor a, Tensor b)
    {
        var r = Elementwise.Binary<PowOperator>(a, b, "power");
        return Autodiff.Record(r, "power", [a, b], g =>
        [
            a.RequiresGrad ? (g * b * Pow(a, b - 1.0)).SumTo(a.Dims) : null,
            // d/db aᵇ = aᵇ·ln a, taken as 0 where a = 0 (the limit for b > 0) instead of 0·(−∞) = NaN.
            b.RequiresGrad ? Where(Equal(a, a.ScalarLike(0)), r.ScalarLike(0), g * r * a.Log()).SumTo(b.Dims) : null,
        ]);
    }

    /// <summary>x ** exponent; like numpy, exponents 2, 0.5 and −1 run square, sqrt and reciprocal (faster, same results).</summary>
    public Tensor Pow(double exponent) => exponent switch
    {
        2 => Square(),
        0.5 => Sqrt(),
        -1 => Reciprocal(),
        _ => Pow(this, ScalarLike(exponent)),
    };
    public static Tensor Pow(double a, Tensor b) => Pow(b.ScalarLike(a), b);

    /// <summary>Elementwise max with broadcasting (numpy.maximum; NaN wins). The gradient goes to the larger input, split evenly on ties.</summary>
    public static Tensor Maximum(Tensor a, Tensor b)
    {
        var r = Elementwise.Binary<MaximumOperator>(a, b, "maximum");
        return Autodiff.Record(r, "maximum", [a, b], g =>
        [
            a.RequiresGrad ? (g * Elementwise.Binary<WinnerShareOperator>(a, b, "maximum")).SumTo(a.Dims) : null,
            b.RequiresGrad ? (g * Elementwise.Binary<WinnerShareOperator>(b, a, "maximum")).SumTo(b.Dims) : null,
        ]);
    }

    public static Tensor Maximum(Tensor a, double b) => Maximum(a, a.ScalarLike(b));
    public static Tensor Maximum(double a, Tensor b) => Maximum(b.ScalarLike(a), b);

    /// <summary>Elementwise min with broadcasting (numpy.minimum; NaN wins). The gradient goes to the smaller input, split evenly on ties.</summary>
    public static Tensor Minimum(Tensor a, Tensor b)
    {
        var r = Elementwise.Binary<MinimumOperator>(a, b, "minimum");
        return Autodiff.Record(r, "minimum", [a, b], g =>
        [
            a.RequiresGrad ? (g * Elementwise.Binary<WinnerShareOperator>(b, a, "minimum")).SumTo(a.Dims) : null,
            b.RequiresGrad ? (g * Elementwise.Binary<WinnerShareOperator>(a, b, "minimum")).SumTo(b.Dims) : null,
        ]);
    }

    public static Tensor Minimum(Tensor a, double b) => Minimum(a, a.ScalarLike(b));
    public static Tensor Minimum(double a, Tensor b) => Minimum(b.ScalarLike(a), b);

    /// <summary>
    /// Limits values to [min, max] (numpy.clip; either bound may be null). The gradient is 1 where
    /// min ≤ x ≤ max and 0 where the value was clipped.
    /// </summary>
    public Tensor Clip(double? min, double? max)
    {
        if (min is null && max is null) throw new ArgumentException("clip: one of min or max must be given");
        if (min is double lo && max is double hi && double.IsNaN(lo + hi)) throw new ArgumentException($"clip: bounds must not be NaN (got {lo}, {hi})");
        var r = this;
        if (min is double a) r = Elementwise.Binary<MaximumOperator>(r, ScalarLike(a), "clip");
        if (max is double b) r = Elementwise.Binary<MinimumOperator>(r, ScalarLike(b), "clip");
        var x = this;
        return Autodiff.Record(r, "clip", [this], g =>
        {
            var inside = g;
            if (min is double a) inside = inside * Elementwise.Binary<GreaterEqualOperator>(x, x.ScalarLike(a), "clip");
            if (max is double b) inside = inside * Elementwise.Binary<LessEqualOperator>(x, x.ScalarLike(b), "clip");
            return [inside];
        });
    }

    /// <summary>
    /// numpy.where(cond, a, b): a where cond is nonzero, else b, all three broadcast together.
    /// cond is a 0/1 tensor such as <c>x &gt; 0</c>; the gradient is routed to a or b accordingly.
    /// </summary>
    public static Tensor Where(Tensor cond, Tensor a, Tensor b)
    {
        var r = Select.Where(cond, a, b, "where");
        return Autodiff.Record(r, "where", [a, b], g =>
        [
            a.RequiresGrad ? Select.Where(cond, g, g.ScalarLike(0), "where").SumTo(a.Dims) : null,
            b.RequiresGrad ? Select.Where(cond, g.ScalarLike(0), g, "where").SumTo(b.Dims) : null,
        ]);
    }

    public static Tensor Where(Tensor cond, Tensor a, double b) => Where(cond, a, a.ScalarLike(b));
    public static Tensor Where(Tensor cond, double a, Tensor b) => Where(cond, b.ScalarLike(a), b);

    /// <summary>Where with two constants: the result has cond's dtype.</summary>
    public static Tensor Where(Tensor cond, double a, double b) => Where(cond, cond.ScalarLike(a), cond.ScalarLike(b));

    /// <summary>
    /// numpy.round(x, decimals): halves go to the even neighbour (np.round(0.5) is 0, np.round(1.5) is 2).
    /// Piecewise constant, so not recorded for autodiff.
    /// </summary>
    public Tensor Round(int decimals = 0)
    {
        if (decimals == 0) return Elementwise.Unary<RoundOperator>(this);
        // numpy scales, rounds and scales back (so, like numpy, results carry the scaling's rounding error).
        double scale = Math.Pow(10, decimals);
        using var _ = NoGrad();
        return Elementwise.Unary<RoundOperator>(this * scale) / scale;
    }

    /// <summary>numpy.floor; not recorded for autodiff.</summary>
    public Tensor Floor() => Elementwise.Unary<FloorOperator>(this);

    /// <summary>numpy.ceil; not recorded for autodiff.</summary>
    public Tensor Ceil() => Elementwise.Unary<CeilOperator>(this);
}
