using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.NN.Init;
using DeepNotes.Optimizers;

namespace DeepNotes.Tests.NN;

// Reported: Dense(n, "relu") with the default initializer sometimes collapses to uniform predictions (loss ln 6)
// where Dense(n) + Activation("relu") with glorot_normal trains. These separate the suspects: the fused relu
// backward, the default initializer's scale and seeding, and the string → initializer conversion.
public class DenseReluInitTests
{
    private static Sequential Mlp(bool fused, int seed)
    {
        var layers = new List<Layer>();
        int s = seed;
        foreach (var units in new[] { 25, 12 })
        {
            var init = new GlorotUniform(seed: s++);
            if (fused) layers.Add(new Dense(units, "relu", kernelInitializer: init));
            else { layers.Add(new Dense(units, kernelInitializer: init)); layers.Add(new Activation("relu")); }
        }
        layers.Add(new Dense(6, kernelInitializer: new GlorotUniform(seed: s)));
        return new Sequential(layers, inputShape: [40]);
    }

    [Fact]
    public void FusedReluDenseTrainsLikeDenseThenActivation()
    {
        var rng = new NumpyRandom(9);
        var x = rng.Rand(96, 40).AsType(DType.Float32);   // uncentered [0, 1) inputs, like pixels
        var labels = rng.RandInt(0, 6, 96).ToArray();
        var y = Tensor.Zeros([96, 6], DType.Float32);
        for (int i = 0; i < 96; i++) y.SetValue(1.0, i, (int)labels[i]);
        IReadOnlyList<double> Losses(bool fused)
        {
            var model = Mlp(fused, 1);
            model.Compile(new Adam(1e-3), new DeepNotes.Losses.CategoricalCrossentropy(fromLogits: true));
            return model.Fit(x, y, epochs: 8, batchSize: 32, verbose: 0, seed: 1)["loss"];
        }
        var a = Losses(true);
        var b = Losses(false);
        for (int e = 0; e < a.Count; e++) Assert.True(Math.Abs(a[e] - b[e]) < 1e-5, $"epoch {e}: fused {a[e]} vs separate {b[e]}");
        Assert.True(a[^1] < a[0], $"loss did not fall: {a[0]} → {a[^1]}");
    }

    [Fact]
    public void DefaultInitializerDrawsFreshGlorotWeightsForEveryLayer()
    {
        Np.Random.Seed(1);
        var first = new Dense(25, "relu");
        var second = new Dense(25, "relu");
        first.Build([400]);
        second.Build([400]);
        var a = first.Kernel!.Value.ToArray();
        var b = second.Kernel!.Value.ToArray();
        Assert.NotEqual(a, b);
        // Glorot uniform: U(±√(6/(in+out))), standard deviation √(2/(in+out)); float32 weights.
        double limit = Math.Sqrt(6.0 / 425), std = Math.Sqrt(2.0 / 425);
        Assert.Equal(DType.Float32, first.Kernel.DType);
        Assert.All(a, v => Assert.True(Math.Abs(v) <= limit));
        double measured = Math.Sqrt(a.Select(v => v * v).Average());
        Assert.True(Math.Abs(measured - std) < 0.05 * std, $"kernel std {measured}, expected {std}");
        Assert.Equal(0.0, Math.Abs(a.Average()), 2);
    }

    [Fact]
    public void NullInitializerNameMeansTheDefault()
    {
        string? name = null;
        var dense = new Dense(3, kernelInitializer: name);
        Assert.IsType<GlorotUniform>(dense.KernelInitializer);
    }
}
