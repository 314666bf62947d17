namespace DeepNotes.NN;

/// <summary>
/// Adds the course's sinusoidal positional encoding to a sequence of embeddings: (N, T, D) → (N, T, D) with
/// y = x·√D (when scaleEmbeddings, as the course's Encoder does) + PE[:T]. No weights; T ≤ maxPositions.
/// </summary>
public sealed class PositionalEncoding(int maxPositions, bool scaleEmbeddings = false, string? name = null) : Layer(name)
{
    private Tensor? table;

    public int MaxPositions { get; } = maxPositions > 0 ? maxPositions : throw new ArgumentException($"PositionalEncoding: maxPositions must be positive, got {maxPositions}");
    public bool ScaleEmbeddings { get; } = scaleEmbeddings;

    protected override void OnBuild(int[] inputShape)
    {
        if (inputShape.Length != 2 || inputShape[1] <= 0)
            throw new ArgumentException($"{Describe()}: expects (N, T, D) with known D, got input shape {FormatShape(inputShape)}");
        if (inputShape[0] > MaxPositions)
            throw new ArgumentException($"{Describe()}: sequence length {inputShape[0]} exceeds maxPositions {MaxPositions}");
    }

    public override int[] ComputeOutputShape(int[] inputShape) => (int[])inputShape.Clone();

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var got = inputShapes[0];
        if (inputShapes.Count != 1 || got.Length != 2 || got[1] != InputShape![1] || got[0] > MaxPositions) throw InputShapeError(0, InputShape!, got);
    }

    public override Tensor Forward(Tensor x)
    {
        int steps = x.Dims[1], d = x.Dims[2];
        if (table is null || table.DType != x.DType || table.Dims[2] != d) table = F.PositionalEncoding(MaxPositions, d, x.DType);
        var pe = F.Narrow(table, 1, 0, steps);
        return (ScaleEmbeddings ? x * Math.Sqrt(d) : x) + pe;
    }
}
