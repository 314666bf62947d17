using DeepNotes;
using DeepNotes.Tests.Support;

// Not "DeepNotes.Tests.Autodiff": that namespace would shadow the DeepNotes.Autodiff class in every test.
namespace DeepNotes.Tests.AutodiffChecks;

public class GradientCheckTests
{
    private static Tensor RandomTensor(Random rng, params int[] shape)
    {
        var data = new double[Shape.SizeOf(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() * 2 - 1;
        return Tensor.FromArray(data, shape);
    }

    [Fact]
    public void CorrectGradientsPass()
    {
        var rng = new Random(1);
        var W = RandomTensor(rng, 3, 4);
        var b = RandomTensor(rng, 3, 1);
        var X = RandomTensor(rng, 4, 5);
        var result = GradientCheck.Check(ps => (ps[0].MatMul(X) + ps[1]).Sigmoid().Sum(), [W, b]);
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.Difference < 1e-7);
        Assert.Equal(15, result.Count);
        Assert.Equal(GradientCheck.WorstCount, result.WorstEntries.Count);
        Assert.StartsWith("Gradient check passed! difference = ", result.ToString());
    }

    [Fact]
    public void WrongBackwardFailsAndNamesTheWorstEntry()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3 });
        // A square whose backward forgets the factor 2.
        Tensor BadSquare(Tensor t)
        {
            Tensor r;
            using (Tensor.NoGrad()) r = t * t;
            return Autodiff.Record(r, "bad_square", [t], g => [g * t]);
        }
        var result = GradientCheck.Check(t => BadSquare(t).Sum(), x);
        Assert.False(result.Passed);
        // analytic x, numeric 2x: ‖x‖ / (‖x‖ + 2‖x‖) = 1/3
        Assert.Equal(1.0 / 3, result.Difference, 6);
        var worst = result.WorstEntries[0];
        Assert.Equal(0, worst.Parameter);
        Assert.Equal(new[] { 2 }, worst.Index);
        Assert.Equal(3.0, worst.Analytic, 12);
        Assert.Equal(6.0, worst.Numeric, 5);
        Assert.Contains("FAILED", result.ToString());
        Assert.Contains("param 0[2]: analytic 3", result.ToString());
    }

    [Fact]
    public void ParametersAreRestoredExactlyWithTheirGradState()
    {
        var rng = new Random(2);
        var W = RandomTensor(rng, 2, 3);
        var before = W.ToArray();
        var previousGrad = Tensor.Ones(2, 3);
        W.Grad = previousGrad;
        Assert.False(W.RequiresGrad);
        var result = GradientCheck.Check(w => (w * w).Exp().Mean(), W);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(before, W.ToArray());   // bit-for-bit
        Assert.False(W.RequiresGrad);
        Assert.Same(previousGrad, W.Grad);
    }

    [Fact]
    public void ClosuresOverTheParametersSeeThePerturbations()
    {
        var rng = new Random(3);
        var W = RandomTensor(rng, 2, 2);
        var b = RandomTensor(rng, 2, 1);
        // f ignores its argument and reads W and b directly, like a learner's cost function would.
        var result = GradientCheck.Check(_ => (W.MatMul(b) * 3.0).Tanh().Sum(), [W, b], names: ["W", "b"]);
        Assert.True(result.Passed, result.ToString());
        Assert.Contains(result.WorstEntries, e => e.Location.StartsWith("W[") || e.Location.StartsWith("b["));
    }

    [Fact]
    public void ClosureFormChecksACostOverSeveralParameters()
    {
        var rng = new Random(6);
        var W1 = RandomTensor(rng, 4, 3);
        var b1 = RandomTensor(rng, 4, 1);
        var W2 = RandomTensor(rng, 1, 4);
        var X = RandomTensor(rng, 3, 5);
        var Y = Tensor.FromArray(new double[,] { { 1, 0, 1, 1, 0 } });
        Tensor Cost()
        {
            var A1 = (W1.MatMul(X) + b1).Relu();
            var A2 = W2.MatMul(A1).Sigmoid();
            return -(Y * A2.Log() + (1.0 - Y) * (1.0 - A2).Log()).Mean();
        }
        var result = GradientCheck.Check(Cost, W1, b1, W2);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(12 + 4 + 4, result.Count);
    }

    [Fact]
    public void StridedLeafViewsArePerturbedThroughTheirStrides()
    {
        var rng = new Random(4);
        var baseTensor = RandomTensor(rng, 3, 4);
        var view = baseTensor.T;   // a leaf view with strides (1, 4)
        var before = baseTensor.ToArray();
        var result = GradientCheck.Check(v => (v * Tensor.Arange(1, 4).Reshape(1, 3)).Pow(2.0).Sum(), view);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(before, baseTensor.ToArray());
        // d/dv (v_ij * c_j)^2 = 2 v_ij c_j^2
        Assert.Equal(2 * view.GetValue(1, 2) * 9, result.Analytic[0][1 * 3 + 2], 12);
    }

    [Fact]
    public void UnusedParametersGetZeroGradients()
    {
        var x = Tensor.FromArray(new double[] { 1, 2 });
        var unused = Tensor.FromArray(new double[] { 5 });
        var result = GradientCheck.Check(ps => ps[0].Sum(), [x, unused]);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(new[] { 0.0 }, result.Analytic[1]);
        Assert.Equal(new[] { 0.0 }, result.Numeric[1]);
    }

    [Fact]
    public void Float32ParametersAreRefusedWithAHint()
    {
        var x = Tensor.Ones([2, 2], DType.Float32);
        var e = Assert.Throws<ArgumentException>(() => GradientCheck.Check(t => t.Sum(), x));
        Assert.Contains("float32", e.Message);
        Assert.Contains("AsType(DType.Float64)", e.Message);
    }

    [Fact]
    public void NonScalarOutputsAreRefused()
    {
        var x = Tensor.Ones(2, 2);
        var e = Assert.Throws<InvalidOperationException>(() => GradientCheck.Check(t => t * 2.0, x));
        Assert.Contains("(2, 2)", e.Message);
        Assert.Equal(new double[] { 1, 1, 1, 1 }, x.ToArray());
    }

    [Fact]
    public void NonLeafAndRepeatedParametersAreRefused()
    {
        var x = Tensor.Ones(2).RequireGrad();
        var y = x * 2.0;
        Assert.Contains("pass leaf tensors", Assert.Throws<ArgumentException>(() => GradientCheck.Check(t => t.Sum(), y)).Message);
        Assert.Contains("same tensor", Assert.Throws<ArgumentException>(() => GradientCheck.Check(ps => ps[0].Sum(), [x, x])).Message);
    }

    [Fact]
    public void VectorFormMatchesTheCourseExample()
    {
        // J(theta) = sum(theta^3): gradient 3 theta^2.
        double[] theta = [0.5, -1.25, 2.0];
        var original = (double[])theta.Clone();
        var good = GradientCheck.Check(t => t.Sum(v => v * v * v), t => t.Select(v => 3 * v * v).ToArray(), theta);
        Assert.True(good.Passed, good.ToString());
        Assert.Equal(original, theta);
        var bad = GradientCheck.Check(t => t.Sum(v => v * v * v), t => t.Select(v => 3 * v * v + (v > 1 ? 0.1 : 0)).ToArray(), theta);
        Assert.False(bad.Passed);
        Assert.Equal(new[] { 2 }, bad.WorstEntries[0].Index);
        Assert.Equal("theta[2]", bad.WorstEntries[0].Location);
    }

    [Fact]
    public void GradAssertReducesNonScalarOutputsWithRandomWeights()
    {
        var rng = new Random(5);
        var a = RandomTensor(rng, 3, 1);
        var b = RandomTensor(rng, 1, 4);
        var result = GradAssert.Check(ps => ps[0] * ps[1] + ps[0].Exp(), a, b);
        Assert.True(result.Difference < 1e-7);
        // A wrong gradient on one output element is caught even though plain Sum() could hide it.
        Tensor Swapped(Tensor t)
        {
            Tensor r;
            using (Tensor.NoGrad()) r = t * 1.0;
            return Autodiff.Record(r, "flip", [t], g => [Reverse(g)]);
        }
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradAssert.Check(Swapped, RandomTensor(rng, 4)));
    }

    private static Tensor Reverse(Tensor v)
    {
        var data = v.ToArray();
        System.Array.Reverse(data);
        return Tensor.FromArray(data);
    }
}
