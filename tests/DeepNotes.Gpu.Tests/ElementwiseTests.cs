namespace DeepNotes.Gpu.Tests;

public class ElementwiseTests
{
    public static TheoryData<string> UnaryNames => new() { "neg", "exp", "log", "sqrt", "abs", "square", "reciprocal", "sin", "cos", "sign", "log1p", "expm1", "sigmoid", "tanh", "relu", "softplus" };

    private static Tensor ApplyUnary(string name, Tensor x) => name switch
    {
        "neg" => -x,
        "exp" => x.Exp(),
        "log" => x.Abs().Log(),
        "sqrt" => x.Abs().Sqrt(),
        "abs" => x.Abs(),
        "square" => x.Square(),
        "reciprocal" => x.Reciprocal(),
        "sin" => x.Sin(),
        "cos" => x.Cos(),
        "sign" => x.Sign(),
        "log1p" => x.Abs().Log1p(),
        "expm1" => x.Expm1(),
        "sigmoid" => x.Sigmoid(),
        "tanh" => x.Tanh(),
        "relu" => x.Relu(),
        "softplus" => x.Softplus(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryMatchesCpu(string name)
    {
        var x = Gpu.Random([3, 37], low: -3, high: 3);
        var gx = x.To(Gpu.Device);
        var r = ApplyUnary(name, gx);
        Assert.Equal(Gpu.Device, r.Device);
        Gpu.AssertClose(ApplyUnary(name, x), r, 2e-6);
    }

    [Fact]
    public void UnaryOnTransposedViewAndFloat64()
    {
        var x = Gpu.Random([5, 7], DType.Float64);
        var g = x.To(Gpu.Device);
        Gpu.AssertClose(x.T.Exp(), g.T.Exp(), 1e-12);
    }

    [Theory]
    [InlineData(new[] { 4, 5 }, new[] { 4, 5 })]
    [InlineData(new[] { 4, 5 }, new[] { 5 })]
    [InlineData(new[] { 4, 1 }, new[] { 1, 6 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 3, 1 })]
    [InlineData(new[] { 2, 1, 3, 1, 2, 2, 3 }, new[] { 3, 2, 1, 1, 3 })]
    public void BinaryBroadcastsLikeCpu(int[] sa, int[] sb)
    {
        var a = Gpu.Random(sa);
        var b = Gpu.Random(sb, low: 0.5, high: 2);
        var ga = a.To(Gpu.Device);
        var gb = b.To(Gpu.Device);
        Gpu.AssertClose(a + b, ga + gb);
        Gpu.AssertClose(a - b, ga - gb);
        Gpu.AssertClose(a * b, ga * gb);
        Gpu.AssertClose(a / b, ga / gb);
        Gpu.AssertClose(Tensor.Maximum(a, b), Tensor.Maximum(ga, gb));
        Gpu.AssertClose(Tensor.Greater(a, b), Tensor.Greater(ga, gb));
        Gpu.AssertClose(Tensor.Pow(b, a), Tensor.Pow(gb, ga), 1e-5);
    }

    [Fact]
    public void ScalarOperandsKeepTheTensorsDevice()
    {
        var x = Gpu.Random([3, 4]);
        var g = x.To(Gpu.Device);
        var r = 2.0 * g + 1.0;
        Assert.Equal(Gpu.Device, r.Device);
        Gpu.AssertClose(2.0 * x + 1.0, r);
    }

    [Fact]
    public void StridedSliceAndDtypeConversion()
    {
        var x = Gpu.Random([6, 8], DType.Float64);
        var g = x.To(Gpu.Device);
        Gpu.AssertClose(x.T.AsType(DType.Float32), g.T.AsType(DType.Float32));
        Gpu.AssertClose(x.T.Copy(), g.T.Copy(), 0);
    }
}
