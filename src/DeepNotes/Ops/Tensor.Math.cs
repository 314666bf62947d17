using DeepNotes.Kernels;

namespace DeepNotes;

// Elementwise math functions and activations, each with its derivative rule.
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

    public Tensor Sigmoid()
    {
        var r = Elementwise.Unary<SigmoidOperator>(this);
        return Autodiff.Record(r, "sigmoid", [this], g => [g * r * (1.0 - r)]);
    }

    public Tensor Tanh()
    {
        var r = Elementwise.Unary<TanhOperator>(this);
        return Autodiff.Record(r, "tanh", [this], g => [g * (1.0 - r * r)]);
    }

    public Tensor Relu()
    {
        var r = Elementwise.Unary<ReluOperator>(this);
        var x = this;
        return Autodiff.Record(r, "relu", [this], g => [g * Elementwise.Unary<StepOperator>(x)]);
    }

    /// <summary>Elementwise power with broadcasting (numpy.power / a ** b).</summary>
    public static Tensor Pow(Tensor a, Tensor b)
    {
        var r = Elementwise.Binary<PowOperator>(a, b, "power");
        return Autodiff.Record(r, "power", [a, b], g =>
        [
            (g * b * Pow(a, b - 1.0)).SumTo(a.Dims),
            b.RequiresGrad ? (g * r * a.Log()).SumTo(b.Dims) : null,
        ]);
    }

    public Tensor Pow(double exponent) => Pow(this, ScalarLike(exponent));
}
