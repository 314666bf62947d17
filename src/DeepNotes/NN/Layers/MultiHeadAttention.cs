namespace DeepNotes.NN;

/// <summary>
/// Multi-head attention (Keras MultiHeadAttention): query, key and value are projected to numHeads heads of size
/// keyDim (valueDim for values), attended per head with scaled dot products, concatenated and projected to the
/// query's feature size (or outputDim). Call with [query, value] or [query, value, key]; use
/// <see cref="Attend"/> to pass a mask (1 = attend, 0 = hidden, the course's convention) or get the weights.
/// </summary>
/// <remarks>
/// Weights: query_kernel (dq, H·keyDim), key_kernel (dk, H·keyDim), value_kernel (dv, H·valueDim),
/// output_kernel (H·valueDim, dOut), with biases unless useBias is false. Shape: (N, Tq, dq) → (N, Tq, dOut).
/// </remarks>
public sealed class MultiHeadAttention : Layer
{
    public MultiHeadAttention(int numHeads, int keyDim, int? valueDim = null, int? outputDim = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null) : base(name)
    {
        ConvShapes.CheckPositive("MultiHeadAttention", "numHeads and keyDim", numHeads, keyDim);
        if (valueDim is <= 0 || outputDim is <= 0)
            throw new ArgumentException($"MultiHeadAttention: valueDim and outputDim must be positive, got {valueDim} and {outputDim}");
        NumHeads = numHeads;
        KeyDim = keyDim;
        ValueDim = valueDim ?? keyDim;
        OutputDim = outputDim;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new Init.GlorotUniform();
        BiasInitializer = biasInitializer ?? new Init.Zeros();
    }

    public int NumHeads { get; }
    public int KeyDim { get; }
    public int ValueDim { get; }
    public int? OutputDim { get; }
    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer BiasInitializer { get; }

    public Parameter? QueryKernel { get; private set; }
    public Parameter? KeyKernel { get; private set; }
    public Parameter? ValueKernel { get; private set; }
    public Parameter? OutputKernel { get; private set; }
    public Parameter? QueryBias { get; private set; }
    public Parameter? KeyBias { get; private set; }
    public Parameter? ValueBias { get; private set; }
    public Parameter? OutputBias { get; private set; }

    protected override void OnBuild(IReadOnlyList<int[]> inputShapes)
    {
        CheckInputs(inputShapes);
        int dq = inputShapes[0][1], dv = inputShapes[1][1], dk = inputShapes.Count > 2 ? inputShapes[2][1] : dv;
        int dOut = OutputDim ?? dq;
        QueryKernel = AddWeight("query_kernel", [dq, NumHeads * KeyDim], KernelInitializer);
        if (UseBias) QueryBias = AddWeight("query_bias", [NumHeads * KeyDim], BiasInitializer);
        KeyKernel = AddWeight("key_kernel", [dk, NumHeads * KeyDim], KernelInitializer);
        if (UseBias) KeyBias = AddWeight("key_bias", [NumHeads * KeyDim], BiasInitializer);
        ValueKernel = AddWeight("value_kernel", [dv, NumHeads * ValueDim], KernelInitializer);
        if (UseBias) ValueBias = AddWeight("value_bias", [NumHeads * ValueDim], BiasInitializer);
        OutputKernel = AddWeight("output_kernel", [NumHeads * ValueDim, dOut], KernelInitializer);
        if (UseBias) OutputBias = AddWeight("output_bias", [dOut], BiasInitializer);
    }

    private void CheckInputs(IReadOnlyList<int[]> shapes)
    {
        if (shapes.Count is < 2 or > 3 || shapes.Any(s => s.Length != 2 || s[1] <= 0))
            throw new ArgumentException($"{Describe()}: takes [query, value(, key)] of shape (N, T, features), got {string.Join(", ", shapes.Select(FormatShape))}");
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        CheckInputs(inputShapes);
        int dk = inputShapes.Count > 2 ? inputShapes[2][1] : inputShapes[1][1];
        if (inputShapes[0][1] != QueryKernel!.Shape[0] || inputShapes[1][1] != ValueKernel!.Shape[0] || dk != KeyKernel!.Shape[0])
            throw new ArgumentException($"{Describe()}: inputs {string.Join(", ", inputShapes.Select(FormatShape))} do not match the feature sizes it was built with " +
                $"(query {QueryKernel.Shape[0]}, value {ValueKernel!.Shape[0]}, key {KeyKernel!.Shape[0]})");
    }

    public override int[] ComputeOutputShape(int[] inputShape) =>
        throw new ArgumentException($"{Describe()}: takes a list [query, value] or [query, value, key]");

    public override int[] ComputeOutputShape(IReadOnlyList<int[]> inputShapes)
    {
        CheckInputs(inputShapes);
        return [inputShapes[0][0], OutputDim ?? inputShapes[0][1]];
    }

    public override Tensor Forward(IReadOnlyList<Tensor> inputs) =>
        Run(inputs[0], inputs[1], inputs.Count > 2 ? inputs[2] : null, null).Output;

    /// <summary>
    /// Attends with an optional mask (broadcastable to (N, Tq, Tk), or (N, H, Tq, Tk)) and returns the output and the
    /// attention weights (N, H, Tq, Tk). Builds the layer on first use, like a call.
    /// </summary>
    public (Tensor Output, Tensor Weights) Attend(Tensor query, Tensor value, Tensor? key = null, Tensor? mask = null)
    {
        Tensor[] inputs = key is null ? [query, value] : [query, value, key];
        var shapes = inputs.Select(t => t.Rank > 0 ? t.Dims[1..] : []).ToArray();
        if (!Built) Build(shapes, query.DType);
        else ValidateInputShapes(shapes);
        return Run(query.AsType(DType), value.AsType(DType), key?.AsType(DType), mask);
    }

    private (Tensor Output, Tensor Weights) Run(Tensor query, Tensor value, Tensor? key, Tensor? mask) =>
        F.MultiHeadAttention(query, key ?? value, value, NumHeads, QueryKernel!, QueryBias?.Value, KeyKernel!, KeyBias?.Value,
            ValueKernel!, ValueBias?.Value, OutputKernel!, OutputBias?.Value, mask);

    public override string ToString() => $"MultiHeadAttention \"{Name}\" (heads={NumHeads}, key_dim={KeyDim}, value_dim={ValueDim})";
}
