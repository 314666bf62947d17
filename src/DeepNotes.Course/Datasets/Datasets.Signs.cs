namespace DeepNotes.Course.Datasets;

public static partial class Datasets
{
    private static readonly Lazy<(Tensor, Tensor, Tensor, Tensor, string[])> signs = new(() => GenerateSigns(1080, 120, seed: 1));

    /// <summary>
    /// SIGNS-like hand signs (the course's load_dataset for the TensorFlow and ResNet assignments): 64×64 RGB
    /// pictures of a hand showing 0–5 fingers, train_x_orig (1080, 64, 64, 3) values 0–255, train_y (1, 1080) with
    /// labels 0–5, test_x_orig (120, 64, 64, 3), test_y (1, 120), classes "0"…"5". The images are drawn by
    /// <see cref="HandSignRenderer"/> from seed 1 (train) and seed 2 (test) when first asked for, then cached.
    /// Classes are balanced (180 / 20 each) and shuffled.
    /// </summary>
    public static (Tensor TrainXOrig, Tensor TrainY, Tensor TestXOrig, Tensor TestY, string[] Classes) LoadSignsDataset() => signs.Value;

    /// <summary>Generates a SIGNS-like set of any size (balanced classes), from seed (train) and seed + 1 (test).</summary>
    public static (Tensor TrainXOrig, Tensor TrainY, Tensor TestXOrig, Tensor TestY, string[] Classes) GenerateSigns(int trainCount, int testCount, int seed)
    {
        var (trX, trY) = GenerateSignSet(trainCount, new NumpyRandom(seed));
        var (teX, teY) = GenerateSignSet(testCount, new NumpyRandom(seed + 1));
        return (trX, trY, teX, teY, ["0", "1", "2", "3", "4", "5"]);
    }

    private static (Tensor X, Tensor Y) GenerateSignSet(int count, NumpyRandom rng)
    {
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = i % 6;
        rng.Shuffle(labels);
        // Each image gets its own generator seeded from the set's, so images can be drawn in parallel yet stay fixed.
        var seeds = Enumerable.Range(0, count).Select(_ => (uint)rng.RandIntScalar(0, int.MaxValue)).ToArray();
        const int pixels = HandSignRenderer.Size * HandSignRenderer.Size * 3;
        var data = new double[count * pixels];
        Parallel.For(0, count, i => HandSignRenderer.Render(new NumpyRandom(seeds[i]), labels[i]).CopyTo(data, i * pixels));
        return (Tensor.FromArray(data, count, HandSignRenderer.Size, HandSignRenderer.Size, 3), Tensor.FromArray(labels, 1, count));
    }
}
