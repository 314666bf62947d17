namespace DeepNotes.Data;

/// <summary>Mini-batch splitting as in the course.</summary>
public static class MiniBatches
{
    /// <summary>
    /// The course's random_mini_batches: seeds the global generator (np.random.seed(seed)), draws a permutation
    /// of the m examples, shuffles X and Y the same way and cuts batches of <paramref name="batchSize"/>, the last
    /// partial batch included. Examples lie along <paramref name="axis"/>: 1 for the course's column layout
    /// X (n_x, m), Y (1, m); 0 for batch-first data.
    /// </summary>
    public static List<(Tensor X, Tensor Y)> Random(Tensor X, Tensor Y, int batchSize = 64, int seed = 0, int axis = 1)
    {
        if (batchSize <= 0) throw new ArgumentException($"random_mini_batches: batch size must be positive, got {batchSize}");
        int ax = Shape.NormalizeAxis(axis, X.Rank, "random_mini_batches");
        int ay = Shape.NormalizeAxis(axis, Y.Rank, "random_mini_batches");
        int m = X.Dims[ax];
        if (Y.Dims[ay] != m)
            throw new ArgumentException($"random_mini_batches: X {X.Shape} has {m} examples on axis {axis} but Y {Y.Shape} has {Y.Dims[ay]}");
        Np.Random.Seed(seed);
        var permutation = Np.Random.Permutation(m);
        return Split(X, Y, permutation, batchSize, ax, ay);
    }

    /// <summary>Batches in order (no shuffling), last partial batch included.</summary>
    public static List<(Tensor X, Tensor Y)> Sequential(Tensor X, Tensor Y, int batchSize = 64, int axis = 0)
    {
        int ax = Shape.NormalizeAxis(axis, X.Rank, "mini_batches");
        int ay = Shape.NormalizeAxis(axis, Y.Rank, "mini_batches");
        if (X.Dims[ax] != Y.Dims[ay])
            throw new ArgumentException($"mini_batches: X {X.Shape} has {X.Dims[ax]} examples on axis {axis} but Y {Y.Shape} has {Y.Dims[ay]}");
        return Split(X, Y, Enumerable.Range(0, X.Dims[ax]).ToArray(), batchSize, ax, ay);
    }

    internal static List<(Tensor X, Tensor Y)> Split(Tensor X, Tensor Y, int[] order, int batchSize, int ax, int ay)
    {
        var batches = new List<(Tensor, Tensor)>();
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, order.Length - start);
            batches.Add((Take(X, order, start, count, ax), Take(Y, order, start, count, ay)));
        }
        return batches;
    }

    /// <summary>The slices order[start..start+count) of x along an axis, as a new contiguous tensor.</summary>
    internal static Tensor Take(Tensor x, int[] order, int start, int count, int axis)
    {
        var src = x.Contiguous();
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= src.Dims[i];
        for (int i = axis + 1; i < src.Rank; i++) inner *= src.Dims[i];
        int n = src.Dims[axis];
        var shape = src.ShapeCopy();
        shape[axis] = count;
        var dst = Tensor.Empty(shape, src.DType);
        if (src.DType == DType.Float32) Copy(src.AsSpan<float>(), dst.AsSpan<float>(), order, start, count, outer, inner, n);
        else Copy(src.AsSpan<double>(), dst.AsSpan<double>(), order, start, count, outer, inner, n);
        return dst;
    }

    private static void Copy<T>(ReadOnlySpan<T> src, Span<T> dst, int[] order, int start, int count, int outer, int inner, int n) where T : unmanaged
    {
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < count; j++)
                src.Slice((o * n + order[start + j]) * inner, inner).CopyTo(dst.Slice((o * count + j) * inner, inner));
    }
}

/// <summary>
/// Batch-first mini-batches for models: enumerating yields (X, Y) batches of rows, reshuffled on every pass with a
/// seeded numpy-compatible generator (or the global one), the last partial batch included unless dropLast.
/// </summary>
public sealed class DataLoader : IEnumerable<(Tensor X, Tensor Y)>
{
    private readonly NumpyRandom? random;

    public DataLoader(Tensor x, Tensor y, int batchSize = 32, bool shuffle = true, int? seed = null, bool dropLast = false)
    {
        if (batchSize <= 0) throw new ArgumentException($"DataLoader: batch size must be positive, got {batchSize}");
        if (x.Rank == 0 || y.Rank == 0 || x.Dims[0] != y.Dims[0])
            throw new ArgumentException($"DataLoader: X {x.Shape} and Y {y.Shape} must have the same number of samples on axis 0");
        X = x;
        Y = y;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        random = seed is null ? null : new NumpyRandom(seed.Value);
    }

    public Tensor X { get; }
    public Tensor Y { get; }
    public int BatchSize { get; }
    public bool Shuffle { get; }
    public bool DropLast { get; }

    /// <summary>Number of batches per pass.</summary>
    public int Count => DropLast ? X.Dims[0] / BatchSize : (X.Dims[0] + BatchSize - 1) / BatchSize;

    public IEnumerator<(Tensor X, Tensor Y)> GetEnumerator()
    {
        int n = X.Dims[0];
        var order = Shuffle ? (random ?? Np.Random).Permutation(n) : Enumerable.Range(0, n).ToArray();
        int usable = DropLast ? n / BatchSize * BatchSize : n;
        for (int start = 0; start < usable; start += BatchSize)
        {
            int count = Math.Min(BatchSize, usable - start);
            yield return (MiniBatches.Take(X, order, start, count, 0), MiniBatches.Take(Y, order, start, count, 0));
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
