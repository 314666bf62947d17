namespace DeepNotes.Metrics;

/// <summary>
/// A streaming metric (Keras metrics): <see cref="Update"/> accumulates over batches, <see cref="Result"/> reads
/// the value so far, <see cref="Reset"/> starts a new epoch. Keras names convert implicitly
/// (<c>metrics: ["accuracy"]</c>).
/// </summary>
public abstract class Metric
{
    /// <summary>The name used in histories and progress bars, e.g. "accuracy".</summary>
    public abstract string Name { get; }

    /// <summary>Accumulates one batch of labels and predictions.</summary>
    public abstract void Update(Tensor yTrue, Tensor yPred);

    /// <summary>The value over everything seen since the last reset.</summary>
    public abstract double Result();

    /// <summary>Forgets the accumulated state.</summary>
    public abstract void Reset();

    /// <summary>A metric by Keras name: accuracy/acc, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, precision, recall, mse, mae.</summary>
    public static Metric Get(string name) => name.ToLowerInvariant() switch
    {
        "accuracy" or "acc" => new Accuracy(),
        "binary_accuracy" => new BinaryAccuracy(),
        "categorical_accuracy" => new CategoricalAccuracy(),
        "sparse_categorical_accuracy" => new SparseCategoricalAccuracy(),
        "precision" => new Precision(),
        "recall" => new Recall(),
        "mse" or "mean_squared_error" => new MeanSquaredErrorMetric(),
        "mae" or "mean_absolute_error" => new MeanAbsoluteErrorMetric(),
        _ => throw new ArgumentException($"metric: unknown metric '{name}'"),
    };

    public static implicit operator Metric(string name) => Get(name);

    public override string ToString() => $"{Name}: {Result():G6}";

    // Values of a tensor as doubles in row-major order.
    internal static double[] Values(Tensor t) => t.ToArray();
}

/// <summary>A running (weighted) mean of scalars, e.g. the loss over an epoch.</summary>
public sealed class Mean(string name = "mean") : Metric
{
    private double total;
    private double count;

    public override string Name { get; } = name;

    /// <summary>Adds a value with a weight (e.g. a batch loss weighted by the batch size).</summary>
    public void Add(double value, double weight = 1)
    {
        total += value * weight;
        count += weight;
    }

    public override void Update(Tensor yTrue, Tensor yPred) => Add(yPred.Mean().Item(), yPred.Size);
    public override double Result() => count == 0 ? 0 : total / count;
    public override void Reset() => (total, count) = (0, 0);
}

/// <summary>Base of metrics that count matches out of a total.</summary>
public abstract class CountingMetric : Metric
{
    private long correct;
    private long total;

    protected void Count(long matches, long of)
    {
        correct += matches;
        total += of;
    }

    public override double Result() => total == 0 ? 0 : (double)correct / total;
    public override void Reset() => (correct, total) = (0, 0);
}

/// <summary>Fraction of predictions on the right side of the threshold: (p &gt; threshold) == y.</summary>
public sealed class BinaryAccuracy(double threshold = 0.5, string name = "binary_accuracy") : CountingMetric
{
    public override string Name { get; } = name;

    public override void Update(Tensor yTrue, Tensor yPred)
    {
        var y = Values(DeepNotes.NN.F.MatchLabels(yTrue, yPred, Name));
        var p = Values(yPred);
        long ok = 0;
        for (int i = 0; i < p.Length; i++) ok += (p[i] > threshold ? 1.0 : 0.0) == (y[i] > 0.5 ? 1.0 : 0.0) ? 1 : 0;
        Count(ok, p.Length);
    }
}

/// <summary>Fraction of samples whose arg-max prediction equals the arg-max of the one-hot label.</summary>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : CountingMetric
{
    public override string Name { get; } = name;

    public override void Update(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Shape != yPred.Shape)
            throw new ArgumentException($"{Name}: one-hot labels of shape {yTrue.Shape} do not match predictions of shape {yPred.Shape}");
        var t = ArgMaxRows(yTrue);
        var p = ArgMaxRows(yPred);
        Count(t.Zip(p).Count(x => x.First == x.Second), t.Length);
    }

    internal static int[] ArgMaxRows(Tensor x)
    {
        int c = x.Dims[^1];
        var v = Values(x);
        var result = new int[v.Length / c];
        for (int r = 0; r < result.Length; r++)
        {
            int best = 0;
            for (int j = 1; j < c; j++) if (v[r * c + j] > v[r * c + best]) best = j;
            result[r] = best;
        }
        return result;
    }
}

/// <summary>Fraction of samples whose arg-max prediction equals the integer label.</summary>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : CountingMetric
{
    public override string Name { get; } = name;

    public override void Update(Tensor yTrue, Tensor yPred)
    {
        var p = CategoricalAccuracy.ArgMaxRows(yPred);
        var y = Values(yTrue);
        if (y.Length != p.Length)
            throw new ArgumentException($"{Name}: integer labels of shape {yTrue.Shape} do not match predictions of shape {yPred.Shape}");
        long ok = 0;
        for (int i = 0; i < p.Length; i++) ok += y[i] == p[i] ? 1 : 0;
        Count(ok, p.Length);
    }
}

/// <summary>
/// Keras's "accuracy": picks binary, categorical or sparse categorical accuracy from the shapes of the first batch
/// (one output column → binary; labels shaped like predictions → categorical; otherwise sparse).
/// </summary>
public sealed class Accuracy : Metric
{
    private Metric? inner;

    public override string Name => "accuracy";

    public override void Update(Tensor yTrue, Tensor yPred)
    {
        inner ??= yPred.Dims[^1] == 1 || yPred.Rank == 1 ? new BinaryAccuracy(name: Name)
            : yTrue.Shape == yPred.Shape ? new CategoricalAccuracy(Name)
            : new SparseCategoricalAccuracy(Name);
        inner.Update(yTrue, yPred);
    }

    public override double Result() => inner?.Result() ?? 0;
    public override void Reset() => inner?.Reset();
}

/// <summary>Binary precision TP/(TP + FP) with predictions thresholded at 0.5.</summary>
public sealed class Precision(double threshold = 0.5) : Metric
{
    private long tp, fp;
    public override string Name => "precision";

    public override void Update(Tensor yTrue, Tensor yPred)
    {
        var y = Values(DeepNotes.NN.F.MatchLabels(yTrue, yPred, Name));
        var p = Values(yPred);
        for (int i = 0; i < p.Length; i++)
            if (p[i] > threshold) { if (y[i] > 0.5) tp++; else fp++; }
    }

    public override double Result() => tp + fp == 0 ? 0 : (double)tp / (tp + fp);
    public override void Reset() => (tp, fp) = (0, 0);
}

/// <summary>Binary recall TP/(TP + FN) with predictions thresholded at 0.5.</summary>
public sealed class Recall(double threshold = 0.5) : Metric
{
    private long tp, fn;
    public override string Name => "recall";

    public override void Update(Tensor yTrue, Tensor yPred)
    {
        var y = Values(DeepNotes.NN.F.MatchLabels(yTrue, yPred, Name));
        var p = Values(yPred);
        for (int i = 0; i < p.Length; i++)
            if (y[i] > 0.5) { if (p[i] > threshold) tp++; else fn++; }
    }

    public override double Result() => tp + fn == 0 ? 0 : (double)tp / (tp + fn);
    public override void Reset() => (tp, fn) = (0, 0);
}

/// <summary>Mean squared error as a metric.</summary>
public sealed class MeanSquaredErrorMetric : Metric
{
    private double sum;
    private long n;
    public override string Name => "mse";

    public override void Update(Tensor yTrue, Tensor yPred)
    {
        var y = Values(DeepNotes.NN.F.MatchLabels(yTrue, yPred, Name));
        var p = Values(yPred);
        for (int i = 0; i < p.Length; i++) sum += (p[i] - y[i]) * (p[i] - y[i]);
        n += p.Length;
    }

    public override double Result() => n == 0 ? 0 : sum / n;
    public override void Reset() => (sum, n) = (0, 0);
}

/// <summary>Mean absolute error as a metric.</summary>
public sealed class MeanAbsoluteErrorMetric : Metric
{
    private double sum;
    private long n;
    public override string Name => "mae";

    public override void Update(Tensor yTrue, Tensor yPred)
    {
        var y = Values(DeepNotes.NN.F.MatchLabels(yTrue, yPred, Name));
        var p = Values(yPred);
        for (int i = 0; i < p.Length; i++) sum += Math.Abs(p[i] - y[i]);
        n += p.Length;
    }

    public override double Result() => n == 0 ? 0 : sum / n;
    public override void Reset() => (sum, n) = (0, 0);
}
