using DeepNotes.NN;
using DeepNotes.NN.Init;

namespace DeepNotes.Tests.NN;

public class LayerTests
{
    [Fact]
    public void DenseComputesXWPlusBAndGradientsMatch()
    {
        var dense = new Dense(3, activation: "tanh", kernelInitializer: new RandomNormal(stddev: 0.5, seed: 1), biasInitializer: new RandomNormal(seed: 2));
        var x = NumericGrad.Randn(3, 4, 5);
        var y = dense.Call(x);
        Assert.Equal([4, 3], y.Shape.ToArray());
        var expected = (x.MatMul(dense.Kernel!) + dense.Bias!.Value).Tanh();
        Assert.Equal(expected.ToArray(), y.ToArray());
        NumericGrad.Check(() => NumericGrad.WeightedSum(dense.Call(x)), x, dense.Kernel!.Value, dense.Bias!.Value);
    }

    [Theory]
    [InlineData(FusedActivation.Linear, true)]
    [InlineData(FusedActivation.Relu, true)]
    [InlineData(FusedActivation.Sigmoid, false)]
    [InlineData(FusedActivation.Tanh, true)]
    public void FusedDenseMatchesComposedOpsAndGradients(FusedActivation act, bool withBias)
    {
        var x = NumericGrad.Randn(11, 3, 2, 5);
        var w = NumericGrad.Randn(12, 5, 4);
        var b = withBias ? NumericGrad.Randn(13, 4) : null;
        var z = F.Linear(x, w, b);
        var composed = act switch
        {
            FusedActivation.Relu => z.Relu(),
            FusedActivation.Sigmoid => z.Sigmoid(),
            FusedActivation.Tanh => z.Tanh(),
            _ => z,
        };
        var fused = F.Dense(x, w, b, act);
        Assert.Equal([3, 2, 4], fused.Shape.ToArray());
        var c = composed.ToArray();
        var f = fused.ToArray();
        for (int i = 0; i < c.Length; i++) Assert.Equal(c[i], f[i], 14);
        var ps = b is null ? new[] { x, w } : new[] { x, w, b };
        NumericGrad.Check(() => NumericGrad.WeightedSum(F.Dense(x, w, b, act)), ps);
        // float32 path
        var y32 = F.Dense(x.Detach().AsType(DType.Float32), w.Detach().AsType(DType.Float32), b?.Detach().AsType(DType.Float32), act);
        var f32 = y32.ToArray();
        for (int i = 0; i < c.Length; i++) Assert.True(Math.Abs(c[i] - f32[i]) < 1e-5, $"{c[i]} vs {f32[i]}");
    }

    [Fact]
    public void FusedDenseWithMoreUnitsThanInputs()
    {
        var x = NumericGrad.Randn(21, 6, 3);
        var w = NumericGrad.Randn(22, 3, 9);
        var b = NumericGrad.Randn(23, 9);
        var expected = F.Linear(x, w, b).Relu().ToArray();
        var got = F.Dense(x, w, b, FusedActivation.Relu).ToArray();
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i], 14);
        NumericGrad.Check(() => NumericGrad.WeightedSum(F.Dense(x, w, b, FusedActivation.Tanh)), x, w, b);
    }

    [Fact]
    public void DropoutGradientIsTheScaledMask()
    {
        var x = NumericGrad.Randn(31, 6, 5);
        var y = new Dropout(0.4, seed: 2).Call(x);
        y.Backward(Tensor.OnesLike(y));
        var xs = x.ToArray();
        var ys = y.ToArray();
        var gs = x.Grad!.ToArray();
        for (int i = 0; i < xs.Length; i++) Assert.Equal(ys[i] / xs[i], gs[i], 12);
    }

    [Fact]
    public void DenseAppliesToLastAxisOfSequences()
    {
        var dense = new Dense(2, kernelInitializer: new RandomNormal(seed: 1));
        var x = NumericGrad.Randn(5, 3, 7, 4);
        var y = dense.Call(x);
        Assert.Equal([3, 7, 2], y.Shape.ToArray());
        Assert.Equal([7, 2], dense.ComputeOutputShape([7, 4]));
        NumericGrad.Check(() => NumericGrad.WeightedSum(dense.Call(x)), x, dense.Kernel!.Value);
    }

    [Fact]
    public void DenseRejectsWrongFeatureCount()
    {
        var dense = new Dense(2);
        dense.Call(Tensor.Ones([1, 4]));
        var ex = Assert.Throws<ArgumentException>(() => dense.Call(Tensor.Ones([1, 5])));
        Assert.Contains(dense.Name, ex.Message);
        Assert.Contains("(None, 4)", ex.Message);
        Assert.Contains("(None, 5)", ex.Message);
        Assert.Throws<ArgumentException>(() => new Dense(0));
        Assert.Throws<ArgumentException>(() => new Dense(3, activation: "nope"));
    }

    [Fact]
    public void DenseWeightsFollowInputDType()
    {
        var dense = new Dense(2);
        var y = dense.Call(Tensor.Ones([3, 4], DType.Float32));
        Assert.Equal(DType.Float32, dense.Kernel!.DType);
        Assert.Equal(DType.Float32, y.DType);
        // float64 data into a float32 layer is cast to the weights' dtype (Keras autocast).
        Assert.Equal(DType.Float32, dense.Call(Tensor.Ones([3, 4], DType.Float64)).DType);
    }

    [Fact]
    public void BatchNormTrainingNormalisesAndUpdatesMovingStats()
    {
        var bn = new BatchNormalization(momentum: 0.9);
        var x = NumericGrad.Randn(1, 8, 3) * 2.0 + 5.0;
        var y = bn.Call(x);
        var mean = y.Mean(0).ToArray();
        Assert.All(mean, m => Assert.True(Math.Abs(m) < 1e-9));
        var xm = x.Mean(0).ToArray();
        var mm = bn.MovingMean!.Value.ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(0.1 * xm[i], mm[i], 12);
        Assert.Equal(12, bn.CountParams());
        Assert.Equal(2, bn.NonTrainableWeights.Count);
        Assert.False(bn.MovingMean.Value.RequiresGrad);
    }

    [Fact]
    public void BatchNormTrainModeGradientsMatch()
    {
        var bn = new BatchNormalization(epsilon: 1e-3);
        var x = NumericGrad.Randn(2, 6, 4);
        bn.Build([4], DType.Float64);
        bn.Gamma!.Assign(NumericGrad.Randn(7, 4).Detach());
        bn.Beta!.Assign(NumericGrad.Randn(8, 4).Detach());
        NumericGrad.Check(() => NumericGrad.WeightedSum(bn.Call(x)), x, bn.Gamma.Value, bn.Beta.Value);
    }

    [Fact]
    public void BatchNormOnChannelsOfImagesAndInference()
    {
        var bn = new BatchNormalization(axis: 3);
        var x = NumericGrad.Randn(3, 2, 3, 3, 2);
        bn.Build([3, 3, 2], DType.Float64);
        NumericGrad.Check(() => NumericGrad.WeightedSum(bn.Call(x)), x, bn.Gamma!.Value);
        bn.Eval();
        bn.MovingMean!.Assign(Tensor.FromArray([1.0, -1.0]));
        bn.MovingVariance!.Assign(Tensor.FromArray([4.0, 0.25]));
        var y = bn.Call(x);
        double expected = (x.GetValue(0, 0, 0, 1) + 1) / Math.Sqrt(0.25 + 1e-3);
        Assert.Equal(expected, y.GetValue(0, 0, 0, 1), 12);
        NumericGrad.Check(() => NumericGrad.WeightedSum(bn.Call(x)), x, bn.Gamma!.Value, bn.Beta!.Value);
    }

    [Fact]
    public void FusedBatchNormMatchesComposedOps()
    {
        var x = NumericGrad.Randn(51, 5, 3, 4) * 2.0 + 1.0;
        x = x.Detach().RequireGrad();
        var gamma = NumericGrad.Randn(52, 4);
        var beta = NumericGrad.Randn(53, 4);
        var w = NumericGrad.Randn(54, 5, 3, 4).Detach();
        Tensor[] Run(bool fused)
        {
            var mm = Tensor.Zeros(4);
            var mv = Tensor.Ones(4);
            foreach (var t in new[] { x, gamma, beta }) t.Grad = null;
            var y = fused
                ? F.BatchNorm(x, gamma, beta, mm, mv, training: true, momentum: 0.9, epsilon: 1e-3)
                : F.BatchNormComposed(x, gamma, beta, mm, mv, true, 0.9, 1e-3, 2);
            (y * w).Sum().Backward();
            return [y.Detach(), mm, mv, x.Grad!, gamma.Grad!, beta.Grad!];
        }
        var a = Run(true);
        var b = Run(false);
        for (int k = 0; k < a.Length; k++)
        {
            var u = a[k].ToArray();
            var v = b[k].ToArray();
            for (int i = 0; i < u.Length; i++) Assert.Equal(v[i], u[i], 11);
        }
    }

    [Fact]
    public void BatchNormOverANonLastAxisUsesComposedOps()
    {
        var bn = new BatchNormalization(axis: 1);
        var x = NumericGrad.Randn(61, 4, 3, 5);
        bn.Build([3, 5], DType.Float64);
        bn.Gamma!.Assign(NumericGrad.Randn(62, 3).Detach());
        NumericGrad.Check(() => NumericGrad.WeightedSum(bn.Call(x)), x, bn.Gamma.Value, bn.Beta!.Value);
        Assert.Equal(3, bn.MovingMean!.Size);
    }

    [Fact]
    public void DropoutIsInvertedAndOnlyInTraining()
    {
        var d = new Dropout(0.25, seed: 3);
        var x = Tensor.Ones([200, 50]);
        var y = d.Call(x).ToArray();
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75) < 1e-12));
        double kept = y.Count(v => v != 0) / (double)y.Length;
        Assert.InRange(kept, 0.72, 0.78);
        d.Eval();
        Assert.Same(x, d.Call(x));
        Assert.Throws<ArgumentException>(() => new Dropout(1.0));
    }

    [Fact]
    public void FlattenReshapeRepeatVector()
    {
        var x = NumericGrad.Randn(1, 2, 3, 4);
        Assert.Equal([2, 12], new Flatten().Call(x).Shape.ToArray());
        Assert.Equal([12], new Flatten().ComputeOutputShape([3, 4]));
        var r = new Reshape([4, -1]);
        Assert.Equal([2, 4, 3], r.Call(x).Shape.ToArray());
        Assert.Equal([4, 3], r.ComputeOutputShape([3, 4]));
        Assert.Throws<ArgumentException>(() => new Reshape([5, -1]).ComputeOutputShape([3, 4]));
        var v = NumericGrad.Randn(2, 2, 3);
        var rep = new RepeatVector(4);
        var y = rep.Call(v);
        Assert.Equal([2, 4, 3], y.Shape.ToArray());
        Assert.Equal(v.GetValue(1, 2), y.GetValue(1, 3, 2));
        NumericGrad.Check(() => NumericGrad.WeightedSum(rep.Call(v)), v);
    }

    [Fact]
    public void MergeLayersForwardAndGradients()
    {
        var a = NumericGrad.Randn(1, 3, 4);
        var b = NumericGrad.Randn(2, 3, 4);
        var c = NumericGrad.Randn(3, 3, 2);
        Assert.Equal((a + b).ToArray(), new Add().Call(a, b).ToArray());
        Assert.Equal((a * b).ToArray(), new Multiply().Call(a, b).ToArray());
        var cat = new Concatenate();
        var y = cat.Call(a, c);
        Assert.Equal([3, 6], y.Shape.ToArray());
        Assert.Equal(c.GetValue(2, 1), y.GetValue(2, 5));
        Assert.Equal(a.GetValue(1, 3), y.GetValue(1, 3));
        NumericGrad.Check(() => NumericGrad.WeightedSum(new Concatenate().Call(a, c, b)), a, b, c);
        NumericGrad.Check(() => NumericGrad.WeightedSum(F.Concatenate([a, b], axis: 0)), a, b);
        Assert.Throws<ArgumentException>(() => new Concatenate(axis: 0).Call(a, b));
        var ex = Assert.Throws<ArgumentException>(() => new Add().Call(a, c));
        Assert.Contains("(None, 4)", ex.Message);
    }

    [Fact]
    public void DotContractsPerSample()
    {
        var alphas = NumericGrad.Randn(1, 2, 5, 1);
        var a = NumericGrad.Randn(2, 2, 5, 3);
        var dot = new Dot(axes: 1);
        var y = dot.Call(alphas, a);
        Assert.Equal([2, 1, 3], y.Shape.ToArray());
        Assert.Equal([1, 3], dot.ComputeOutputShape([[5, 1], [5, 3]]));
        double expected = 0;
        for (int t = 0; t < 5; t++) expected += alphas.GetValue(1, t, 0) * a.GetValue(1, t, 2);
        Assert.Equal(expected, y.GetValue(1, 0, 2), 12);
        NumericGrad.Check(() => NumericGrad.WeightedSum(new Dot(1).Call(alphas, a)), alphas, a);
        var u = NumericGrad.Randn(3, 4, 3);
        var v = NumericGrad.Randn(4, 4, 3);
        Assert.Equal([4, 1], new Dot(1).Call(u, v).Shape.ToArray());
        var cos = new Dot(1, normalize: true).Call(u, u).ToArray();
        Assert.All(cos, x => Assert.Equal(1.0, x, 9));
    }

    [Fact]
    public void ActivationLayers()
    {
        var x = NumericGrad.Randn(5, 3, 4);
        var s = new Activation("softmax").Call(x);
        foreach (var row in s.Sum(1).ToArray()) Assert.Equal(1.0, row, 12);
        NumericGrad.Check(() => NumericGrad.WeightedSum(F.Softmax(x)), x);
        NumericGrad.Check(() => NumericGrad.WeightedSum(F.LogSoftmax(x, 0)), x);
        NumericGrad.Check(() => NumericGrad.WeightedSum(new LeakyReLU(0.3).Call(x)), x);
        var lr = new LeakyReLU(0.3).Call(Tensor.FromArray(new double[,] { { -2, 3 } })).ToArray();
        Assert.Equal(new[] { -0.6, 3 }, lr);
        var big = Tensor.FromArray(new double[,] { { 1000, 0 } });
        Assert.Equal(new[] { 0.0, -1000 }, F.LogSoftmax(big).ToArray());
    }
}
