using DeepNotes.Kernels;

namespace DeepNotes;

// + − × ÷ with numpy broadcasting, and the C# operators over them. A scalar operand takes the
// tensor's dtype (numpy's "weak" Python scalars), so float32 stays float32.
public sealed partial class Tensor
{
    public static Tensor Add(Tensor a, Tensor b)
    {
        var r = Elementwise.Binary<AddOperator>(a, b, "add");
        return Autodiff.Record(r, "add", [a, b], g => [g.SumTo(a.Dims), g.SumTo(b.Dims)]);
    }

    public static Tensor Subtract(Tensor a, Tensor b)
    {
        var r = Elementwise.Binary<SubtractOperator>(a, b, "subtract");
        return Autodiff.Record(r, "subtract", [a, b], g => [g.SumTo(a.Dims), (-g).SumTo(b.Dims)]);
    }

    public static Tensor Multiply(Tensor a, Tensor b)
    {
        var r = Elementwise.Binary<MultiplyOperator>(a, b, "multiply");
        return Autodiff.Record(r, "multiply", [a, b], g => [(g * b).SumTo(a.Dims), (g * a).SumTo(b.Dims)]);
    }

    public static Tensor Divide(Tensor a, Tensor b)
    {
        var r = Elementwise.Binary<DivideOperator>(a, b, "divide");
        return Autodiff.Record(r, "divide", [a, b], g => [(g / b).SumTo(a.Dims), (-g * a / (b * b)).SumTo(b.Dims)]);
    }

    public static Tensor Negate(Tensor a)
    {
        var r = Elementwise.Unary<NegateOperator>(a);
        return Autodiff.Record(r, "negative", [a], g => [-g]);
    }

    public Tensor Exp()
    {
        var r = Elementwise.Unary<ExpOperator>(this);
        return Autodiff.Record(r, "exp", [this], g => [g * r]);
    }

    /// <summary>A 0-d tensor holding value in this tensor's dtype (so scalars never promote).</summary>
    internal Tensor ScalarLike(double value) => Scalar(value, DType);

    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);
    public static Tensor operator +(Tensor a, double b) => Add(a, a.ScalarLike(b));
    public static Tensor operator +(double a, Tensor b) => Add(b.ScalarLike(a), b);
    public static Tensor operator -(Tensor a, Tensor b) => Subtract(a, b);
    public static Tensor operator -(Tensor a, double b) => Subtract(a, a.ScalarLike(b));
    public static Tensor operator -(double a, Tensor b) => Subtract(b.ScalarLike(a), b);
    public static Tensor operator *(Tensor a, Tensor b) => Multiply(a, b);
    public static Tensor operator *(Tensor a, double b) => Multiply(a, a.ScalarLike(b));
    public static Tensor operator *(double a, Tensor b) => Multiply(b.ScalarLike(a), b);
    public static Tensor operator /(Tensor a, Tensor b) => Divide(a, b);
    public static Tensor operator /(Tensor a, double b) => Divide(a, a.ScalarLike(b));
    public static Tensor operator /(double a, Tensor b) => Divide(b.ScalarLike(a), b);
    public static Tensor operator -(Tensor a) => Negate(a);
}
