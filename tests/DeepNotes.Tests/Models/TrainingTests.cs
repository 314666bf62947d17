using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.NN.Init;
using DeepNotes.Optimizers;

namespace DeepNotes.Tests.Models;

public class TrainingTests
{
    [Fact]
    public void LearnsXor()
    {
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var model = new Sequential([
            new Dense(8, "tanh", kernelInitializer: new GlorotUniform(seed: 1)),
            new Dense(1, "sigmoid", kernelInitializer: new GlorotUniform(seed: 2)),
        ]);
        model.Compile(new Adam(0.05), "binary_crossentropy", ["accuracy"]);
        var history = model.Fit(x, y, epochs: 300, batchSize: 4, verbose: 0, seed: 0);
        Assert.Equal(300, history["loss"].Count);
        Assert.True(history["loss"][^1] < 0.1, $"final loss {history["loss"][^1]}");
        Assert.Equal(1.0, history["accuracy"][^1]);
        var p = model.Predict(x).ToArray();
        Assert.True(p[0] < 0.5 && p[1] > 0.5 && p[2] > 0.5 && p[3] < 0.5);
    }

    internal static (Tensor X, Tensor Y) Spiral(int perClass, int seed)
    {
        var rng = new NumpyRandom(seed);
        var noise = rng.Randn(2 * perClass, 2).ToArray();
        var xs = new float[2 * perClass, 2];
        var ys = new float[2 * perClass, 1];
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < perClass; i++)
            {
                int k = c * perClass + i;
                double r = (double)i / perClass * 5 + 0.5;
                double t = 1.75 * i / perClass * 2 * Math.PI + c * Math.PI;
                xs[k, 0] = (float)(r * Math.Cos(t) + 0.05 * noise[2 * k]);
                xs[k, 1] = (float)(r * Math.Sin(t) + 0.05 * noise[2 * k + 1]);
                ys[k, 0] = c;
            }
        return (Tensor.FromArray(xs), Tensor.FromArray(ys));
    }

    [Fact]
    public void LearnsTwoDimensionalSpiral()
    {
        var (x, y) = Spiral(150, 3);
        var model = new Sequential([
            new Dense(64, "relu", kernelInitializer: new HeNormal(seed: 1)),
            new Dense(64, "relu", kernelInitializer: new HeNormal(seed: 2)),
            new Dense(1, kernelInitializer: new GlorotUniform(seed: 3)),
        ], inputShape: [2]);
        model.Compile(new Adam(0.01), new DeepNotes.Losses.BinaryCrossentropy(fromLogits: true), [new DeepNotes.Metrics.BinaryAccuracy(threshold: 0)]);
        model.Fit(x, y, epochs: 150, batchSize: 32, verbose: 0, seed: 5);
        var result = model.Evaluate(x, y);
        Assert.True(result["binary_accuracy"] > 0.95, $"spiral accuracy {result["binary_accuracy"]}, loss {result.Loss}");
    }
}
