namespace DeepNotes.Bench.Models;

/// <summary>
/// One course model built twice, on our Sequential API and on libtorch: each side returns one training step
/// (forward, loss, backward, optimizer update) on fixed data, plus the loss after that step for a sanity column.
/// </summary>
public abstract class ModelCase
{
    /// <summary>Row label in the table.</summary>
    public abstract string Label { get; }

    /// <summary>Filter key (e.g. "signs").</summary>
    public abstract string Key { get; }

    /// <summary>Training steps per timed call (100 for the full-batch MLP, whose reference is per 100 iterations).</summary>
    public virtual int StepsPerCall => 1;

    /// <summary>Unit printed for a timed call ("ms/step" or "ms/100 steps").</summary>
    public string Unit => StepsPerCall == 1 ? "ms/step" : $"ms/{StepsPerCall} steps";

    /// <summary>The reference range measured here for libtorch in the issue.</summary>
    public abstract string TorchReference { get; }

    /// <summary>Our model: returns one training step that yields the batch loss.</summary>
    public abstract Func<double> BuildOurs(Random random);

    /// <summary>The libtorch model with the same architecture, float32, Glorot-uniform kernels and zero biases.</summary>
    public abstract Func<double> BuildTorch(Random random);

    /// <summary>Uniform [-1, 1) float32 data.</summary>
    protected static float[] RandomArray(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++) data[i] = (float)(random.NextDouble() * 2 - 1);
        return data;
    }

    /// <summary>Random class labels in [0, classes).</summary>
    protected static long[] RandomLabels(Random random, int count, int classes)
    {
        var labels = new long[count];
        for (int i = 0; i < count; i++) labels[i] = random.Next(classes);
        return labels;
    }

    /// <summary>One-hot float32 rows for the labels.</summary>
    protected static float[] OneHot(long[] labels, int classes)
    {
        var data = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++) data[i * classes + labels[i]] = 1;
        return data;
    }
}
