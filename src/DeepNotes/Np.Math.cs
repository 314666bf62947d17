namespace DeepNotes;

// numpy-named free functions for elementwise math, activations, comparisons and reductions, so notebook
// code reads like the course's: Sigmoid(Z), Maximum(0, Z), Sum(A, axis: 1, keepDims: true), Softmax(x, axis: 0).
// Scalars never promote: Maximum(Z, 0.0) keeps Z's dtype.
public static partial class Np
{
    public static Tensor Exp(Tensor x) => x.Exp();
    public static Tensor Log(Tensor x) => x.Log();
    public static Tensor Sqrt(Tensor x) => x.Sqrt();
    public static Tensor Abs(Tensor x) => x.Abs();
    public static Tensor Sign(Tensor x) => x.Sign();
    public static Tensor Square(Tensor x) => x.Square();
    public static Tensor Reciprocal(Tensor x) => x.Reciprocal();
    public static Tensor Log1p(Tensor x) => x.Log1p();
    public static Tensor Expm1(Tensor x) => x.Expm1();
    public static Tensor Sin(Tensor x) => x.Sin();
    public static Tensor Cos(Tensor x) => x.Cos();

    public static Tensor Add(Tensor a, Tensor b) => Tensor.Add(a, b);
    public static Tensor Subtract(Tensor a, Tensor b) => Tensor.Subtract(a, b);
    public static Tensor Multiply(Tensor a, Tensor b) => Tensor.Multiply(a, b);
    public static Tensor Divide(Tensor a, Tensor b) => Tensor.Divide(a, b);
    public static Tensor Negative(Tensor x) => -x;

    /// <summary>numpy.round: halves to even (Round(0.5) is 0); decimals like numpy's.</summary>
    public static Tensor Round(Tensor x, int decimals = 0) => x.Round(decimals);
    public static Tensor Floor(Tensor x) => x.Floor();
    public static Tensor Ceil(Tensor x) => x.Ceil();

    public static Tensor Power(Tensor a, Tensor b) => Tensor.Pow(a, b);
    public static Tensor Power(Tensor a, double exponent) => a.Pow(exponent);
    public static Tensor Power(double a, Tensor exponent) => Tensor.Pow(a, exponent);

    public static Tensor Maximum(Tensor a, Tensor b) => Tensor.Maximum(a, b);
    public static Tensor Maximum(Tensor a, double b) => Tensor.Maximum(a, b);
    public static Tensor Maximum(double a, Tensor b) => Tensor.Maximum(a, b);
    public static Tensor Minimum(Tensor a, Tensor b) => Tensor.Minimum(a, b);
    public static Tensor Minimum(Tensor a, double b) => Tensor.Minimum(a, b);
    public static Tensor Minimum(double a, Tensor b) => Tensor.Minimum(a, b);

    /// <summary>numpy.clip(x, min, max); either bound may be null.</summary>
    public static Tensor Clip(Tensor x, double? min, double? max) => x.Clip(min, max);

    /// <summary>numpy.where(cond, a, b) with cond a 0/1 tensor such as <c>x &gt; 0</c>.</summary>
    public static Tensor Where(Tensor cond, Tensor a, Tensor b) => Tensor.Where(cond, a, b);
    public static Tensor Where(Tensor cond, Tensor a, double b) => Tensor.Where(cond, a, b);
    public static Tensor Where(Tensor cond, double a, Tensor b) => Tensor.Where(cond, a, b);
    public static Tensor Where(Tensor cond, double a, double b) => Tensor.Where(cond, a, b);

    public static Tensor Equal(Tensor a, Tensor b) => Tensor.Equal(a, b);
    public static Tensor Equal(Tensor a, double b) => Tensor.Equal(a, b);
    public static Tensor NotEqual(Tensor a, Tensor b) => Tensor.NotEqual(a, b);
    public static Tensor NotEqual(Tensor a, double b) => Tensor.NotEqual(a, b);
    public static Tensor Greater(Tensor a, Tensor b) => Tensor.Greater(a, b);
    public static Tensor Greater(Tensor a, double b) => a > b;
    public static Tensor GreaterEqual(Tensor a, Tensor b) => Tensor.GreaterEqual(a, b);
    public static Tensor GreaterEqual(Tensor a, double b) => a >= b;
    public static Tensor Less(Tensor a, Tensor b) => Tensor.Less(a, b);
    public static Tensor Less(Tensor a, double b) => a < b;
    public static Tensor LessEqual(Tensor a, Tensor b) => Tensor.LessEqual(a, b);
    public static Tensor LessEqual(Tensor a, double b) => a <= b;
    public static Tensor IsClose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) => Tensor.IsClose(a, b, rtol, atol, equalNan);
    public static bool AllClose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false) => Tensor.AllClose(a, b, rtol, atol, equalNan);
    public static bool ArrayEqual(Tensor a, Tensor b) => Tensor.ArrayEqual(a, b);

    /// <summary>numpy.count_nonzero, as a float64 count (over axis, or everything).</summary>
    public static Tensor CountNonzero(Tensor x, int? axis = null) => Tensor.NotEqual(x, 0.0).AsType(DType.Float64).Sum(axis);

    public static Tensor Sigmoid(Tensor x) => x.Sigmoid();
    public static Tensor Tanh(Tensor x) => x.Tanh();
    public static Tensor Relu(Tensor x) => x.Relu();
    public static Tensor LeakyRelu(Tensor x, double alpha = 0.01) => x.LeakyRelu(alpha);
    public static Tensor Elu(Tensor x, double alpha = 1.0) => x.Elu(alpha);
    public static Tensor Softplus(Tensor x) => x.Softplus();
    public static Tensor Softmax(Tensor x, int axis = -1) => x.Softmax(axis);
    public static Tensor LogSoftmax(Tensor x, int axis = -1) => x.LogSoftmax(axis);

    public static Tensor Sum(Tensor x, int? axis = null, bool keepDims = false) => x.Sum(axis, keepDims);
    public static Tensor Sum(Tensor x, int[] axes, bool keepDims = false) => x.Sum(axes, keepDims);
    public static Tensor Mean(Tensor x, int? axis = null, bool keepDims = false) => x.Mean(axis, keepDims);
    public static Tensor Mean(Tensor x, int[] axes, bool keepDims = false) => x.Mean(axes, keepDims);
    public static Tensor Max(Tensor x, int? axis = null, bool keepDims = false) => x.Max(axis, keepDims);
    public static Tensor Max(Tensor x, int[] axes, bool keepDims = false) => x.Max(axes, keepDims);
    public static Tensor Min(Tensor x, int? axis = null, bool keepDims = false) => x.Min(axis, keepDims);
    public static Tensor Min(Tensor x, int[] axes, bool keepDims = false) => x.Min(axes, keepDims);
    public static Tensor Var(Tensor x, int? axis = null, int ddof = 0, bool keepDims = false) => x.Var(axis, ddof, keepDims);
    public static Tensor Var(Tensor x, int[] axes, int ddof = 0, bool keepDims = false) => x.Var(axes, ddof, keepDims);
    public static Tensor Std(Tensor x, int? axis = null, int ddof = 0, bool keepDims = false) => x.Std(axis, ddof, keepDims);
    public static Tensor Std(Tensor x, int[] axes, int ddof = 0, bool keepDims = false) => x.Std(axes, ddof, keepDims);
    public static Tensor Prod(Tensor x, int? axis = null, bool keepDims = false) => x.Prod(axis, keepDims);
    public static Tensor Prod(Tensor x, int[] axes, bool keepDims = false) => x.Prod(axes, keepDims);
    public static Tensor LogSumExp(Tensor x, int? axis = null, bool keepDims = false) => x.LogSumExp(axis, keepDims);
    public static Tensor ArgMax(Tensor x, int? axis = null, bool keepDims = false) => x.ArgMax(axis, keepDims);
    public static Tensor ArgMin(Tensor x, int? axis = null, bool keepDims = false) => x.ArgMin(axis, keepDims);

    /// <summary>numpy.linalg.norm(x, ord, axis, keepdims); ord null is the 2-norm / Frobenius norm.</summary>
    public static Tensor Norm(Tensor x, double? ord = null, int[]? axes = null, bool keepDims = false) => x.Norm(ord, axes, keepDims);
    public static Tensor Norm(Tensor x, double? ord, int axis, bool keepDims = false) => x.Norm(ord, axis, keepDims);
}
