namespace DeepNotes.NN;

/// <summary>
/// Dot-product attention (Keras Attention): inputs [query (N, Tq, d), value (N, Tv, dv)] or [query, value, key];
/// scores = query·keyᵀ (times a learned scalar with useScale), softmax over Tv, output = weights·value (N, Tq, dv).
/// With causal, query i only sees positions ≤ i. With returnAttentionScores the outputs are [output, weights].
/// </summary>
public sealed class Attention(bool useScale = false, bool causal = false, bool returnAttentionScores = false, string? name = null) : Layer(name)
{
    public bool UseScale { get; } = useScale;
    public bool Causal { get; } = causal;
    public bool ReturnAttentionScores { get; } = returnAttentionScores;

    /// <summary>The learned score scale (useScale only).</summary>
    public Parameter? Scale { get; private set; }

    protected override void OnBuild(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count is < 2 or > 3)
            throw new ArgumentException($"{Describe()}: takes [query, value] or [query, value, key], got {inputShapes.Count} inputs");
        if (UseScale) Scale = AddWeight("scale", [1], new Init.Ones());
    }

    public override int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes) => ComputeOutputShapes(inputShapes)[0];

    public override int[] ComputeOutputShape(int[] inputShape) =>
        throw new ArgumentException($"{Describe()}: takes a list [query, value] or [query, value, key]");

    public override IReadOnlyList<int[]> ComputeOutputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var q = inputShapes[0];
        var v = inputShapes[1];
        int[] output = [q[0], v[^1]];
        return ReturnAttentionScores ? [output, [q[0], v[0]]] : [output];
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count is < 2 or > 3 || inputShapes.Any(s => s.Length != 2))
            throw new ArgumentException($"{Describe()}: takes [query, value(, key)] of shape (N, T, d), got {string.Join(", ", inputShapes.Select(FormatShape))}");
    }

    public override Tensor Forward(IReadOnlyList<Tensor> inputs) => ForwardMulti(inputs)[0];

    public override IReadOnlyList<Tensor> ForwardMulti(IReadOnlyList<Tensor> inputs)
    {
        var q = inputs[0];
        var v = inputs[1];
        var k = inputs.Count > 2 ? inputs[2] : v;
        if (Scale is not null) q = q * Scale.Value;
        var mask = Causal ? CausalMask(q.Dims[1], k.Dims[1], q.DType) : null;
        var (output, weights) = F.ScaledDotProductAttention(q, k, v, mask, scale: 1.0);
        return ReturnAttentionScores ? [output, weights] : [output];
    }

    private static Tensor CausalMask(int tq, int tk, DType dtype)
    {
        var m = new double[tq * tk];
        for (int i = 0; i < tq; i++)
            for (int j = 0; j <= Math.Min(i, tk - 1); j++) m[i * tk + j] = 1;
        return Tensor.FromArray(m, 1, tq, tk).AsType(dtype);
    }
}
