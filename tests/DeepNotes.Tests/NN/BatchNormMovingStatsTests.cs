using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.NN.Init;
using DeepNotes.Optimizers;

namespace DeepNotes.Tests.NN;

// Reported: a Dense+BN model scores far lower in Evaluate (inference mode) than in Fit (training mode). These pin
// down every piece inference depends on: the moving-statistics update (Keras's formula, biased batch variance),
// one update per training step and none in validation/Evaluate/Predict, and inference using the moving statistics.
public class BatchNormMovingStatsTests
{
    // Per-channel mean and biased variance of a (rows, c) array, in double.
    private static (double[] Mean, double[] Var) Stats(double[] a, int c)
    {
        int rows = a.Length / c;
        var mean = new double[c];
        var variance = new double[c];
        for (int r = 0; r < rows; r++) for (int j = 0; j < c; j++) mean[j] += a[r * c + j] / rows;
        for (int r = 0; r < rows; r++) for (int j = 0; j < c; j++) variance[j] += Math.Pow(a[r * c + j] - mean[j], 2) / rows;
        return (mean, variance);
    }

    [Theory]
    [InlineData(DType.Float32, -1)]   // the fused training kernel
    [InlineData(DType.Float64, -1)]
    [InlineData(DType.Float64, 1)]    // channels first: the composed ops
    public void MovingStatsFollowKerasFormulaOverSeveralSteps(DType dtype, int axis)
    {
        const double momentum = 0.8;
        var bn = new BatchNormalization(axis: axis, momentum: momentum);
        var rng = new NumpyRandom(11);
        int c = 3;
        var expectedMean = new double[c];
        var expectedVar = Enumerable.Repeat(1.0, c).ToArray();
        for (int step = 0; step < 5; step++)
        {
            // Channels with different, changing means and scales.
            var raw = rng.Randn(16, c).ToArray();
            for (int i = 0; i < raw.Length; i++) raw[i] = raw[i] * (1 + i % c + step) + 3 * (i % c) - step;
            var (mean, variance) = Stats(raw, c);
            var x = Tensor.FromArray(raw, 16, c).AsType(dtype);
            bn.Call(axis == -1 ? x : x.Reshape(16, c, 1));
            for (int j = 0; j < c; j++)
            {
                expectedMean[j] = momentum * expectedMean[j] + (1 - momentum) * mean[j];
                expectedVar[j] = momentum * expectedVar[j] + (1 - momentum) * variance[j];
            }
        }
        double tol = dtype == DType.Float32 ? 1e-4 : 1e-10;
        var mm = bn.MovingMean!.Value.ToArray();
        var mv = bn.MovingVariance!.Value.ToArray();
        for (int j = 0; j < c; j++)
        {
            Assert.True(Math.Abs(mm[j] - expectedMean[j]) < tol * (1 + Math.Abs(expectedMean[j])), $"moving mean[{j}] {mm[j]} vs {expectedMean[j]}");
            Assert.True(Math.Abs(mv[j] - expectedVar[j]) < tol * (1 + expectedVar[j]), $"moving variance[{j}] {mv[j]} vs {expectedVar[j]}");
        }

        // Inference normalises with exactly those statistics and leaves them alone.
        bn.Eval();
        var probe = Tensor.FromArray(new double[] { 1, 2, 3 }, 1, c).AsType(dtype);
        var y = bn.Call(axis == -1 ? probe : probe.Reshape(1, c, 1)).ToArray();
        for (int j = 0; j < c; j++)
            Assert.True(Math.Abs(y[j] - (j + 1 - expectedMean[j]) / Math.Sqrt(expectedVar[j] + 1e-3)) < tol * 10, $"inference output[{j}] {y[j]}");
        Assert.Equal(mm, bn.MovingMean.Value.ToArray());
    }

    [Fact]
    public void FitUpdatesMovingStatsOncePerStepAndEvaluateNever()
    {
        // BN first, so its input is the data itself: after k full-batch steps the moving statistics have a closed form.
        var rng = new NumpyRandom(5);
        var x = (rng.Randn(20, 4) * 2.0 + 1.5).AsType(DType.Float32);
        var y = rng.Randn(20, 2).AsType(DType.Float32);
        var model = new Sequential([new BatchNormalization(momentum: 0.9), new Dense(2, kernelInitializer: new GlorotUniform(seed: 1))], inputShape: [4]);
        model.Compile(new SGD(0.01), "mse");
        const int epochs = 7;
        model.Fit(x, y, epochs: epochs, batchSize: 20, validationData: (x, y), verbose: 0, seed: 0);
        model.Evaluate(x, y);
        model.Predict(x);
        var (mean, variance) = Stats(x.AsType(DType.Float64).ToArray(), 4);
        double keep = Math.Pow(0.9, epochs);
        var bn = (BatchNormalization)model.Layers[0];
        var mm = bn.MovingMean!.Value.ToArray();
        var mv = bn.MovingVariance!.Value.ToArray();
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal((1 - keep) * mean[j], mm[j], 4);
            Assert.Equal(keep + (1 - keep) * variance[j], mv[j], 4);
        }
        Assert.True(model.Training);
    }

    [Fact]
    public void EvaluateAccuracyMatchesTrainingModeOnceStatsSettle()
    {
        // Well-conditioned data and a modest rate: the activations feeding BN settle, the moving averages catch up,
        // and inference-mode accuracy equals what Fit reports in training mode.
        var rng = new NumpyRandom(3);
        int n = 240, c = 3;
        var xs = rng.Randn(n, 2).ToArray();
        var ys = new float[n, c];
        for (int i = 0; i < n; i++)
        {
            int k = i % c;
            xs[2 * i] += 3 * Math.Cos(2 * Math.PI * k / c);
            xs[2 * i + 1] += 3 * Math.Sin(2 * Math.PI * k / c);
            ys[i, k] = 1;
        }
        var x = Tensor.FromArray(xs, n, 2).AsType(DType.Float32);
        var y = Tensor.FromArray(ys);
        var model = new Sequential([
            new Dense(16, useBias: false, kernelInitializer: new GlorotNormal(seed: 1)),
            new BatchNormalization(momentum: 0.9),
            new Activation("relu"),
            new Dense(c, "softmax", kernelInitializer: new GlorotNormal(seed: 2)),
        ], inputShape: [2]);
        model.Compile(new Adam(0.01), "categorical_crossentropy", ["accuracy"]);
        var history = model.Fit(x, y, epochs: 15, batchSize: 32, verbose: 0, seed: 1);
        double trainMode = history["accuracy"][^1];
        double inference = model.Evaluate(x, y)["accuracy"];
        Assert.True(trainMode > 0.9, $"training-mode accuracy {trainMode}");
        Assert.True(Math.Abs(inference - trainMode) < 0.05, $"inference accuracy {inference} vs training-mode {trainMode}");
    }
}
