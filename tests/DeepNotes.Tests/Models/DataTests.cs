using DeepNotes.Data;
using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.NN.Init;
using DeepNotes.Optimizers;

namespace DeepNotes.Tests.Models;

public class DataTests
{
    [Fact]
    public void RandomMiniBatchesFollowTheCourse()
    {
        // Column examples: X (2, 148), Y (1, 148) → batches of 64, 64, 20.
        var X = Tensor.Arange(0, 2 * 148).Reshape(2, 148);
        var Y = Tensor.Arange(0, 148).Reshape(1, 148);
        var batches = MiniBatches.Random(X, Y, 64, seed: 0);
        Assert.Equal([64, 64, 20], batches.Select(b => b.X.Dims[1]).ToArray());
        Assert.Equal([2, 64], batches[0].X.Shape.ToArray());
        Assert.Equal([1, 20], batches[2].Y.Shape.ToArray());
        Np.Random.Seed(0);
        var perm = Np.Random.Permutation(148);
        Assert.Equal(perm[0], batches[0].Y.GetValue(0, 0));
        Assert.Equal(perm[70], batches[1].X.GetValue(0, 6));
        Assert.Equal(148 + perm[147], batches[2].X.GetValue(1, 19));
        var all = batches.SelectMany(b => b.Y.ToArray()).OrderBy(v => v).ToArray();
        Assert.Equal(Enumerable.Range(0, 148).Select(i => (double)i).ToArray(), all);
    }

    [Fact]
    public void DataLoaderYieldsShuffledRowBatches()
    {
        var X = Tensor.Arange(0, 30).Reshape(10, 3);
        var Y = Tensor.Arange(0, 10).Reshape(10, 1);
        var loader = new DataLoader(X, Y, batchSize: 4, seed: 1);
        Assert.Equal(3, loader.Count);
        var batches = loader.ToList();
        Assert.Equal([4, 4, 2], batches.Select(b => b.X.Dims[0]).ToArray());
        foreach (var (bx, by) in batches)
            for (int i = 0; i < by.Dims[0]; i++) Assert.Equal(by.GetValue(i, 0) * 3 + 1, bx.GetValue(i, 1));
        var second = loader.Select(b => b.Y.GetValue(0, 0)).ToList();
        Assert.Equal(10, batches.SelectMany(b => b.Y.ToArray()).Distinct().Count());
        Assert.Equal(2, new DataLoader(X, Y, batchSize: 4, dropLast: true).Count);
        Assert.Throws<ArgumentException>(() => new DataLoader(X, Tensor.Zeros(9, 1)));
    }

    [Fact]
    public void FitOnADataLoaderOrMiniBatchList()
    {
        var (x, y) = TrainingTests.Spiral(40, 6);
        var model = new Sequential([new Dense(16, "tanh", kernelInitializer: new GlorotUniform(seed: 1)), new Dense(1, "sigmoid")], inputShape: [2]);
        model.Compile(new Adam(0.02), "binary_crossentropy", ["accuracy"]);
        var loader = new DataLoader(x, y, batchSize: 16, seed: 3);
        var h = model.Fit(loader, epochs: 4, validationData: (x, y), verbose: 0);
        Assert.Equal(4, h["loss"].Count);
        Assert.Equal(4, h["val_accuracy"].Count);
        var h2 = model.Fit(MiniBatches.Sequential(x, y, 20), epochs: 2, verbose: 0);
        Assert.Equal(2, h2["accuracy"].Count);
        var bad = new List<(Tensor, Tensor)> { (x, Tensor.Zeros(3, 1)) };
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(bad, verbose: 0));
        Assert.Contains("(3, 1)", ex.Message);
    }
}
