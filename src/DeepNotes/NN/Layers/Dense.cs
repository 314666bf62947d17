namespace DeepNotes.NN;

/// <summary>
/// A fully connected layer: y = activation(x·kernel + bias) over the last axis (Keras Dense).
/// </summary>
/// <remarks>
/// Shape: input (N, ..., in) → output (N, ..., units). Weights: kernel (in, units) initialised by
/// <c>kernelInitializer</c> (Glorot uniform), bias (units) by <c>biasInitializer</c> (zeros).
/// <example><code>var layer = new Dense(64, activation: "relu"); var y = layer.Call(x);   // x: (32, 10) → (32, 64)</code></example>
/// </remarks>
public sealed class Dense : Layer
{
    private readonly Func<Tensor, Tensor> activation;

    /// <summary>A dense layer with <paramref name="units"/> outputs and an optional activation name (relu, sigmoid, softmax...).</summary>
    public Dense(int units, string? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null)
        : this(units, F.Activation(activation), activation ?? "linear", useBias, kernelInitializer, biasInitializer, name)
    {
        fused = F.Fusable(activation);
    }

    // Set when the activation can run inside the fused dense op (linear, relu, sigmoid, tanh).
    private readonly FusedActivation? fused;

    /// <summary>A dense layer with a custom activation function.</summary>
    public Dense(int units, Func<Tensor, Tensor> activation, string activationName, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null) : base(name)
    {
        if (units <= 0) throw new ArgumentException($"Dense: units must be positive, got {units}");
        Units = units;
        this.activation = activation;
        ActivationName = activationName;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new Init.GlorotUniform();
        BiasInitializer = biasInitializer ?? new Init.Zeros();
    }

    public int Units { get; }
    public string ActivationName { get; }
    public bool UseBias { get; }
    public Initializer KernelInitializer { get; }
    public Initializer BiasInitializer { get; }

    /// <summary>The (in, units) weight matrix (null before build).</summary>
    public Parameter? Kernel { get; private set; }

    /// <summary>The (units) bias (null before build or without bias).</summary>
    public Parameter? Bias { get; private set; }

    protected override void OnBuild(int[] inputShape)
    {
        if (inputShape.Length == 0 || inputShape[^1] <= 0)
            throw new ArgumentException($"{Describe()}: needs inputs with a known last axis, got shape {FormatShape(inputShape)}");
        Kernel = AddWeight("kernel", [inputShape[^1], Units], KernelInitializer);
        if (UseBias) Bias = AddWeight("bias", [Units], BiasInitializer);
    }

    public override int[] ComputeOutputShape(int[] inputShape) => [.. inputShape[..^1], Units];

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        // Any leading dims are fine (Dense acts on the last axis); the feature count must match.
        var got = inputShapes[0];
        if (inputShapes.Count != 1 || got.Length == 0 || got[^1] != Kernel!.Shape[0])
            throw InputShapeError(0, InputShape!, got);
    }

    public override Tensor Forward(Tensor x) => fused is { } a
        ? F.Dense(x, Kernel!, Bias?.Value, a)
        : activation(F.Linear(x, Kernel!, Bias?.Value));

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["name"] = Name,
        ["units"] = Units,
        ["activation"] = ActivationName,
        ["use_bias"] = UseBias,
        ["kernel_initializer"] = KernelInitializer.GetType().Name,
        ["bias_initializer"] = BiasInitializer.GetType().Name,
    };

    public override string ToString() => $"Dense \"{Name}\" (units={Units}, activation={ActivationName})";
}
