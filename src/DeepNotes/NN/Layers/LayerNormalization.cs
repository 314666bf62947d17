namespace DeepNotes.NN;

/// <summary>
/// Normalises each sample over its last axis (Keras LayerNormalization(axis=-1)): (x − mean) / √(var + ε)·gamma + beta.
/// Shape unchanged. Weights gamma (D) (ones) and beta (D) (zeros), unless scale/center are off.
/// The course's transformer uses epsilon = 1e-6; Keras's default is 1e-3.
/// </summary>
public sealed class LayerNormalization(double epsilon = 1e-3, bool center = true, bool scale = true, string? name = null) : Layer(name)
{
    public double Epsilon { get; } = epsilon >= 0 ? epsilon : throw new ArgumentException($"LayerNormalization: epsilon must be non-negative, got {epsilon}");
    public bool Center { get; } = center;
    public bool ScaleEnabled { get; } = scale;

    public Parameter? Gamma { get; private set; }
    public Parameter? Beta { get; private set; }

    protected override void OnBuild(int[] inputShape)
    {
        if (inputShape.Length == 0 || inputShape[^1] <= 0)
            throw new ArgumentException($"{Describe()}: needs a known last axis, got input shape {FormatShape(inputShape)}");
        if (ScaleEnabled) Gamma = AddWeight("gamma", [inputShape[^1]], new Init.Ones());
        if (Center) Beta = AddWeight("beta", [inputShape[^1]], new Init.Zeros());
    }

    public override int[] ComputeOutputShape(int[] inputShape) => (int[])inputShape.Clone();

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var got = inputShapes[0];
        if (inputShapes.Count != 1 || got.Length == 0 || got[^1] != InputShape![^1]) throw InputShapeError(0, InputShape!, got);
    }

    public override Tensor Forward(Tensor x) => F.LayerNorm(x, Gamma?.Value, Beta?.Value, Epsilon);
}
