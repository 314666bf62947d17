using DeepNotes;
using static DeepNotes.Tests.Pointwise.Reference;

namespace DeepNotes.Tests.Pointwise;

public class PointwiseTests
{
    public static TheoryData<string> UnaryNames => new() { "abs", "sign", "square", "reciprocal", "log1p", "expm1", "sin", "cos", "log", "sqrt", "exp",
        "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus" };

    private static (Func<Tensor, Tensor> Op, Func<double, double> Ref, double Lo, double Hi) Unary(string name) => name switch
    {
        "abs" => (x => x.Abs(), Math.Abs, -3, 3),
        "sign" => (x => x.Sign(), v => Math.Sign(v), -3, 3),
        "square" => (x => x.Square(), v => v * v, -3, 3),
        "reciprocal" => (x => x.Reciprocal(), v => 1 / v, 0.5, 3),
        "log1p" => (x => x.Log1p(), v => Math.Log(1 + v), -0.5, 3),
        "expm1" => (x => x.Expm1(), v => Math.Exp(v) - 1, -3, 3),
        "sin" => (x => x.Sin(), Math.Sin, -3, 3),
        "cos" => (x => x.Cos(), Math.Cos, -3, 3),
        "log" => (x => x.Log(), Math.Log, 0.1, 3),
        "sqrt" => (x => x.Sqrt(), Math.Sqrt, 0.1, 3),
        "exp" => (x => x.Exp(), Math.Exp, -3, 3),
        "sigmoid" => (x => x.Sigmoid(), v => 1 / (1 + Math.Exp(-v)), -5, 5),
        "tanh" => (x => x.Tanh(), Math.Tanh, -3, 3),
        "relu" => (x => x.Relu(), v => Math.Max(v, 0), -3, 3),
        "leaky_relu" => (x => x.LeakyRelu(0.2), v => v > 0 ? v : 0.2 * v, -3, 3),
        "elu" => (x => x.Elu(0.7), v => v > 0 ? v : 0.7 * (Math.Exp(v) - 1), -3, 3),
        "softplus" => (x => x.Softplus(), v => Math.Log(1 + Math.Exp(v)), -5, 5),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryMatchesScalarReferenceOnRandomStridedShapes(string name)
    {
        var (op, reference, lo, hi) = Unary(name);
        var rng = new Random(name.GetHashCode(StringComparison.Ordinal) & 0xffff);
        for (int trial = 0; trial < 12; trial++)
        {
            var shape = RandomShape(rng);
            var x = trial % 2 == 0 ? RandomTensor(rng, shape, lo, hi) : StridedView(rng, shape, lo, hi);
            var r = op(x);
            Assert.Equal(x.Shape, r.Shape);
            AssertClose(x.ToArray().Select(reference).ToArray(), r, 1e-13, name);
            // float32 runs the same kernels in single precision
            var r32 = op(x.AsType(DType.Float32));
            Assert.Equal(DType.Float32, r32.DType);
            AssertClose(x.AsType(DType.Float32).ToArray().Select(reference).ToArray(), r32, 2e-6, name + " float32");
        }
    }

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryGradientsMatchCentralDifferences(string name)
    {
        if (name == "sign") return;   // piecewise constant: not recorded
        var (op, _, lo, hi) = Unary(name);
        var rng = new Random(7);
        var x = RandomTensor(rng, [3, 4], lo, hi);
        // keep kinks (0 for abs/relu-likes) out of the eps-neighbourhood
        x = Tensor.Where(x.Abs() < 0.05, 0.3, x);
        Support.GradAssert.Check(op, x);
    }

    public static TheoryData<string> BinaryNames => new() { "add", "subtract", "multiply", "divide", "power", "maximum", "minimum",
        "equal", "not_equal", "greater", "greater_equal", "less", "less_equal" };

    private static (Func<Tensor, Tensor, Tensor> Op, Func<double, double, double> Ref) Binary(string name) => name switch
    {
        "add" => ((a, b) => a + b, (x, y) => x + y),
        "subtract" => ((a, b) => a - b, (x, y) => x - y),
        "multiply" => ((a, b) => a * b, (x, y) => x * y),
        "divide" => ((a, b) => a / b, (x, y) => x / y),
        "power" => ((a, b) => Tensor.Pow(a.Abs() + 0.5, b), (x, y) => Math.Pow(Math.Abs(x) + 0.5, y)),
        "maximum" => (Tensor.Maximum, Math.Max),
        "minimum" => (Tensor.Minimum, Math.Min),
        "equal" => (Tensor.Equal, (x, y) => x == y ? 1 : 0),
        "not_equal" => (Tensor.NotEqual, (x, y) => x != y ? 1 : 0),
        "greater" => ((a, b) => a > b, (x, y) => x > y ? 1 : 0),
        "greater_equal" => ((a, b) => a >= b, (x, y) => x >= y ? 1 : 0),
        "less" => ((a, b) => a < b, (x, y) => x < y ? 1 : 0),
        "less_equal" => ((a, b) => a <= b, (x, y) => x <= y ? 1 : 0),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void BinaryMatchesScalarReferenceWithBroadcasting(string name)
    {
        var (op, reference) = Binary(name);
        var rng = new Random(name.Length * 31 + 5);
        for (int trial = 0; trial < 16; trial++)
        {
            var s = RandomShape(rng);
            var p = BroadcastPartner(rng, s);
            if (trial % 2 == 1) (s, p) = (p, s);
            var a = trial % 4 < 2 ? RandomTensor(rng, s) : StridedView(rng, s);
            var b = RandomTensor(rng, p);
            // values from a small set so that ties and equality actually occur
            a = RoundToHalves(a);
            b = RoundToHalves(b);
            if (name == "divide") b = Tensor.Where(Tensor.Equal(b, 0.0), 1.0, b);
            var r = op(a, b);
            Assert.Equal(new Shape(BroadcastShape(s, p)), r.Shape);
            AssertClose(Reference.Binary(a, b, reference), r, 1e-13, $"{name} {a.Shape} {b.Shape}");
        }
    }

    private static Tensor RoundToHalves(Tensor t) =>
        Tensor.FromArray(t.ToArray().Select(v => Math.Round(v * 2) / 2).ToArray(), t.Size).Reshape(t.Shape.ToArray());

    [Theory]
    [InlineData("add")]
    [InlineData("subtract")]
    [InlineData("multiply")]
    [InlineData("divide")]
    [InlineData("power")]
    [InlineData("maximum")]
    [InlineData("minimum")]
    public void BinaryGradientsWithBroadcasting(string name)
    {
        var (op, _) = Binary(name);
        var rng = new Random(11);
        int[][][] pairs = [[[3, 4], [3, 4]], [[2, 3, 4], [3, 1]], [[4], [2, 1, 4]], [[3, 1], [1, 5]], [[2, 3], []]];
        foreach (var pair in pairs)
        {
            var a = RandomTensor(rng, pair[0], 0.5, 2);
            var b = RandomTensor(rng, pair[1], 0.5, 2) * (name is "maximum" or "minimum" ? 1.1 : 1.0);
            Support.GradAssert.Check(ps => op(ps[0], ps[1]), a, b);
        }
    }

    [Fact]
    public void MaximumAndMinimumSplitTheGradientOnTies()
    {
        var a = Tensor.FromArray(new double[] { 1, 2, 3 }).RequireGrad();
        var b = Tensor.FromArray(new double[] { 3, 2, 1 }).RequireGrad();
        Tensor.Maximum(a, b).Sum().Backward();
        Assert.Equal(new[] { 0, 0.5, 1 }, a.Grad!.ToArray());
        Assert.Equal(new[] { 1, 0.5, 0 }, b.Grad!.ToArray());
        a.ZeroGrad();
        b.ZeroGrad();
        Tensor.Minimum(a, b).Sum().Backward();
        Assert.Equal(new[] { 1, 0.5, 0 }, a.Grad!.ToArray());
        Assert.Equal(new[] { 0, 0.5, 1 }, b.Grad!.ToArray());
    }

    [Fact]
    public void MaximumPropagatesNaNLikeNumpy()
    {
        var r = Tensor.Maximum(Tensor.FromArray(new[] { double.NaN, 1 }), Tensor.FromArray(new[] { 0.0, double.NaN }));
        Assert.All(r.ToArray(), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void ScalarOverloadsKeepTheTensorsDtype()
    {
        var z = Tensor.FromArray(new float[] { -1, 0.5f, 2 });
        Assert.Equal(DType.Float32, Np.Maximum(z, 0.0).DType);
        Assert.Equal(DType.Float32, Np.Maximum(0, z).DType);
        Assert.Equal(DType.Float32, Np.Minimum(z, 1).DType);
        Assert.Equal(DType.Float32, Np.Clip(z, 0, 1).DType);
        Assert.Equal(DType.Float32, (z > 0).DType);
        Assert.Equal(DType.Float32, (0.5 <= z).DType);
        Assert.Equal(DType.Float32, Np.Where(z > 0, z, 0.0).DType);
        Assert.Equal(DType.Float32, Np.Where(z > 0, 1.0, 0.0).DType);
        Assert.Equal(new double[] { 0, 0.5, 2 }, Np.Maximum(0, z).ToArray());
        Assert.Equal(new double[] { 0, 0.5, 1 }, Np.Clip(z, 0, 1).ToArray());
        Assert.Equal(new double[] { 0, 1, 1 }, (z > 0).ToArray());
        Assert.Equal(new double[] { 0, 1, 1 }, (0.5 <= z).ToArray());
        Assert.Equal(new double[] { 1, 0, 0 }, (z < 0.5).ToArray());
        Assert.Equal(new double[] { 1, 0, 1 }, Np.NotEqual(z, 0.5).ToArray());
    }

    [Fact]
    public void ClipMatchesReferenceAndItsGradientIsOneInside()
    {
        var x = Tensor.FromArray(new double[] { -2, -1, -0.5, 0, 0.5, 1, 2 });
        Assert.Equal(new double[] { -1, -1, -0.5, 0, 0.5, 1, 1 }, x.Clip(-1, 1).ToArray());
        Assert.Equal(new double[] { -1, -1, -0.5, 0, 0.5, 1, 2 }, x.Clip(-1, null).ToArray());
        Assert.Equal(new double[] { -2, -1, -0.5, 0, 0.5, 0.7, 0.7 }, x.Clip(null, 0.7).ToArray());
        var p = x.Detach().RequireGrad();
        p.Clip(-1, 1).Sum().Backward();
        Assert.Equal(new double[] { 0, 1, 1, 1, 1, 1, 0 }, p.Grad!.ToArray());
        var rng = new Random(3);
        var y = RandomTensor(rng, [4, 5], -2, 2);
        y = Tensor.Where((y.Abs() - 1).Abs() < 0.05, 0.0, y);   // away from the bounds
        Support.GradAssert.Check(t => t.Clip(-1, 1) * t, y);
        Assert.Throws<ArgumentException>(() => x.Clip(null, null));
    }

    [Fact]
    public void WhereBroadcastsAllThreeOperandsAndRoutesGradients()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 10; trial++)
        {
            var s = RandomShape(rng, 3);
            var cond = RoundToHalves(RandomTensor(rng, BroadcastPartner(rng, s))) > 0;
            var a = RandomTensor(rng, BroadcastPartner(rng, s));
            var b = StridedView(rng, s);
            var r = Tensor.Where(cond, a, b);
            var shape = BroadcastShape(cond.Shape.ToArray(), a.Shape.ToArray(), b.Shape.ToArray());
            var expected = Indices(shape).Select(i => At(cond, i) != 0 ? At(a, i) : At(b, i)).ToArray();
            AssertClose(expected, r);
        }
        var c = Tensor.FromArray(new double[,] { { 1, 0, 1 } });
        var x = RandomTensor(rng, [2, 3]);
        var y = RandomTensor(rng, [2, 1]);
        Support.GradAssert.Check(ps => Tensor.Where(c, ps[0], ps[1]), x, y);
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxMatchReferenceOnEveryAxisAndAreStable()
    {
        var rng = new Random(9);
        var x = StridedView(rng, [3, 4, 5], -3, 3);
        for (int axis = -3; axis < 3; axis++)
        {
            var s = x.Softmax(axis);
            var ls = x.LogSoftmax(axis);
            var exp = x.Exp();
            var reference = exp / exp.Sum(axis, keepDims: true);
            AssertClose(reference.ToArray(), s, 1e-14, $"softmax axis {axis}");
            AssertClose(reference.Log().ToArray(), ls, 1e-13, $"log_softmax axis {axis}");
            AssertClose(Enumerable.Repeat(1.0, 60 / x.Shape[(axis + 3) % 3]).ToArray(), s.Sum(axis), 1e-14);
        }
        var big = Tensor.FromArray(new double[,] { { 1000, 1001, 1002 }, { -1000, -1000, -1000 } });
        var sm = big.Softmax();
        Assert.All(sm.ToArray(), v => Assert.False(double.IsNaN(v)));
        AssertClose([0.09003057317038046, 0.24472847105479767, 0.6652409557748219, 1 / 3.0, 1 / 3.0, 1 / 3.0], sm, 1e-14);
        AssertClose([-2.4076059644443806, -1.4076059644443806, -0.4076059644443806, -Math.Log(3), -Math.Log(3), -Math.Log(3)], big.LogSoftmax(), 1e-14);
        var f32 = big.AsType(DType.Float32).Softmax(0);
        Assert.Equal(DType.Float32, f32.DType);
        Assert.All(f32.ToArray(), v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void SoftmaxGradients()
    {
        var rng = new Random(10);
        for (int axis = -1; axis < 3; axis++)
        {
            int ax = axis;
            Support.GradAssert.Check(t => t.Softmax(ax), RandomTensor(rng, [2, 3, 4]));
            Support.GradAssert.Check(t => t.LogSoftmax(ax), RandomTensor(rng, [2, 3, 4]));
        }
        Support.GradAssert.Check(t => t.T.Softmax(0), RandomTensor(rng, [3, 5]));
    }

    [Fact]
    public void Log1pAndExpm1AreAccurateNearZero()
    {
        var tiny = Tensor.FromArray(new[] { 1e-10, -1e-12, 1e-300, 0.0 });
        AssertClose([9.9999999995e-11, -1.0000000000005e-12, 1e-300, 0.0], tiny.Log1p(), 1e-15);
        AssertClose([1.00000000005e-10, -9.999999999995e-13, 1e-300, 0.0], tiny.Expm1(), 1e-15);
        var f32 = Tensor.FromArray(new float[] { 1e-8f }).Log1p();
        Assert.Equal(1e-8, f32.Item(), 1e-14);
        Assert.Equal(double.NegativeInfinity, Tensor.FromArray(new[] { -1.0 }).Log1p().Item());
        Assert.Equal(-1.0, Tensor.FromArray(new[] { -800.0 }).Expm1().Item());
        Assert.Equal(double.PositiveInfinity, Tensor.FromArray(new[] { 800.0 }).Expm1().Item());
    }

    [Fact]
    public void SoftplusDoesNotOverflow()
    {
        var x = Tensor.FromArray(new[] { -1000.0, 0, 1000 });
        AssertClose([0, Math.Log(2), 1000], x.Softplus(), 1e-15);
    }

    [Fact]
    public void SignKeepsZeroAndNaN()
    {
        var r = Tensor.FromArray(new[] { -3.0, -0.0, 0.0, 2.5, double.NaN, double.NegativeInfinity, 1, 2, 3, 4 }).Sign().ToArray();
        Assert.Equal(new[] { -1.0, 0, 0, 1 }, r[..4]);
        Assert.True(double.IsNaN(r[4]));
        Assert.Equal(-1.0, r[5]);
    }

    [Fact]
    public void PowWithScalarExponentsMatchesAndDifferentiates()
    {
        var rng = new Random(17);
        var x = RandomTensor(rng, [3, 4], 0.2, 2);
        var data = x.ToArray();
        foreach (var p in new[] { 2.0, 0.5, -1, 3, -2.5, 1 })
        {
            AssertClose(data.Select(v => Math.Pow(v, p)).ToArray(), x.Pow(p), 1e-15, $"pow {p}");
            double e = p;
            Support.GradAssert.Check(t => t.Pow(e), x);
        }
        Assert.Equal(data.Select(v => v * v).ToArray(), x.Pow(2).ToArray());   // exactly x*x, like numpy's fast path
    }

    [Fact]
    public void PowGradientForTheExponentIsFiniteAtZeroBase()
    {
        var a = Tensor.FromArray(new[] { 0.0, 2.0 });
        var b = Tensor.FromArray(new[] { 2.0, 3.0 }).RequireGrad();
        Tensor.Pow(a, b).Sum().Backward();
        Assert.Equal(new[] { 0, 8 * Math.Log(2) }, b.Grad!.ToArray());
    }

    [Fact]
    public void RoundingAndClosenessFollowNumpy()
    {
        var x = Tensor.FromArray(new[] { 0.5, 1.5, 2.5, -0.5, -1.5, 2.675 });
        Assert.Equal(new[] { 0.0, 2, 2, -0.0, -2, 3 }, x.Round().ToArray());
        Assert.Equal(2.68, Tensor.Scalar(2.675).Round(2).Item());          // numpy too (2.675 * 100 rounds to 267.5); Python round gives 2.67
        Assert.Equal(1200, Np.Round(Tensor.Scalar(1234.5678), -2).Item());
        Assert.Equal(-1.0, Tensor.Scalar(-1.005).Round(2).Item());
        Assert.Equal(new[] { 0.0, 1, 2, -1, -2, 2 }, x.Floor().ToArray());
        Assert.Equal(new[] { 1.0, 2, 3, -0.0, -1, 3 }, x.Ceil().ToArray());
        Assert.Equal(DType.Float32, x.AsType(DType.Float32).Round().DType);

        var a = Tensor.FromArray(new[] { 1, 1 + 1e-6, double.PositiveInfinity, double.NaN, 1e-9, 0 });
        var b = Tensor.FromArray(new[] { 1, 1, double.PositiveInfinity, double.NaN, 0, 1e-9 });
        Assert.Equal(new double[] { 1, 1, 1, 0, 1, 1 }, Np.IsClose(a, b).ToArray());
        var n = Tensor.FromArray(new[] { double.NaN, double.NegativeInfinity });
        var m = Tensor.FromArray(new[] { double.NaN, double.PositiveInfinity });
        Assert.Equal(new double[] { 1, 0 }, Np.IsClose(n, m, equalNan: true).ToArray());
        Assert.True(Np.AllClose(Tensor.FromArray(new[] { 1.0, 2 }), Tensor.FromArray(new[] { 1.0, 2 + 1e-7 })));
        Assert.False(Np.AllClose(Tensor.FromArray(new[] { 1.0, 2 }), Tensor.FromArray(new[] { 1.0, 2.001 })));
        Assert.True(Np.AllClose(Tensor.Ones(2, 3), Tensor.Scalar(1)));   // broadcasting, like numpy
        Assert.True(Np.ArrayEqual(Tensor.Ones(2, 3), Tensor.Ones(2, 3)));
        Assert.False(Np.ArrayEqual(Tensor.Ones(2, 3), Tensor.Ones(3, 2)));
        Assert.False(Np.ArrayEqual(Tensor.FromArray(new[] { double.NaN }), Tensor.FromArray(new[] { double.NaN })));
        Assert.Equal(3, Np.CountNonzero(Tensor.FromArray(new[] { 0.0, 1, -2, 0, 0.5 })).Item());
        Assert.Equal(new double[] { 1, 2 }, Np.CountNonzero(Tensor.FromArray(new double[,] { { 0, 1 }, { 2, 3 } }), axis: 1).ToArray());
    }

    [Fact]
    public void ErrorsNameShapesAndRanks()
    {
        var a = Tensor.Zeros(3, 4);
        var b = Tensor.Zeros(5);
        Assert.Contains("(3, 4) (5,)", Assert.Throws<ArgumentException>(() => Tensor.Maximum(a, b)).Message);
        Assert.Contains("maximum", Assert.Throws<ArgumentException>(() => Tensor.Maximum(a, b)).Message);
        Assert.Contains("(3, 4) (5,)", Assert.Throws<ArgumentException>(() => a > b).Message);
        var w = Assert.Throws<ArgumentException>(() => Tensor.Where(Tensor.Ones(3, 1), a, b)).Message;
        Assert.Contains("where", w);
        Assert.Contains("(3, 1) (3, 4) (5,)", w);
        var s = Assert.Throws<ArgumentOutOfRangeException>(() => a.Softmax(2)).Message;
        Assert.Contains("softmax: axis 2 is out of bounds for a tensor of rank 2", s);
    }
}
