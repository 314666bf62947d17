namespace DeepNotes.NN;

/// <summary>
/// 2-D convolution over NHWC images (Keras Conv2D): y = activation(conv(x, kernel) + bias).
/// </summary>
/// <remarks>
/// Shape: (N, H, W, C) → (N, OH, OW, filters), OH = ceil(H / stride) for "same", (H − (k − 1)·d − 1) / stride + 1
/// for "valid". Weights: kernel (kh, kw, C, filters) (Glorot uniform), bias (filters) (zeros).
/// <example><code>var conv = new Conv2D(8, 4, padding: "same", activation: "relu"); var y = conv.Call(x); // (64, 64, 64, 3) → (64, 64, 64, 8)</code></example>
/// </remarks>
public sealed class Conv2D : Layer
{
    private readonly Func<Tensor, Tensor> activation;

    /// <summary>A square kernel with equal strides and dilation.</summary>
    public Conv2D(int filters, int kernelSize, int strides = 1, ConvPadding padding = default, string? activation = null,
        bool useBias = true, int dilationRate = 1, Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null)
        : this(filters, (kernelSize, kernelSize), (strides, strides), padding, activation, useBias, (dilationRate, dilationRate),
            kernelInitializer, biasInitializer, name)
    {
    }

    /// <summary>Per-axis kernel size, strides and dilation.</summary>
    public Conv2D(int filters, (int H, int W) kernelSize, (int H, int W) strides, ConvPadding padding = default, string? activation = null,
        bool useBias = true, (int H, int W)? dilationRate = null, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        string? name = null) : base(name)
    {
        var d = dilationRate ?? (1, 1);
        ConvShapes.CheckPositive("Conv2D", "filters", filters);
        ConvShapes.CheckPositive("Conv2D", "kernel size", kernelSize.H, kernelSize.W);
        ConvShapes.CheckPositive("Conv2D", "strides", strides.H, strides.W);
        ConvShapes.CheckPositive("Conv2D", "dilation rate", d.H, d.W);
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = padding;
        DilationRate = d;
        UseBias = useBias;
        ActivationName = activation ?? "linear";
        this.activation = F.Activation(activation);
        KernelInitializer = kernelInitializer ?? new Init.GlorotUniform();
        BiasInitializer = biasInitializer ?? new Init.Zeros();
    }

    public int Filters { get; }
    public (int H, int W) KernelSize { get; }
    public (int H, int W) Strides { get; }
    public ConvPadding Padding { get; }
    public (int H, int W) DilationRate { get; }
    public bool UseBias { get; }
    public string ActivationName { get; }
    public Initializer KernelInitializer { get; }
    public Initializer BiasInitializer { get; }

    /// <summary>The (kh, kw, in_channels, filters) kernel (null before build).</summary>
    public Parameter? Kernel { get; private set; }

    /// <summary>The (filters) bias (null before build or without bias).</summary>
    public Parameter? Bias { get; private set; }

    protected override void OnBuild(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        if (inputShape[2] <= 0) throw new ArgumentException($"{Describe()}: the channel axis must be known, got {FormatShape(inputShape)}");
        Kernel = AddWeight("kernel", [KernelSize.H, KernelSize.W, inputShape[2], Filters], KernelInitializer);
        if (UseBias) Bias = AddWeight("bias", [Filters], BiasInitializer);
    }

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        return
        [
            ConvShapes.Output(inputShape[0], KernelSize.H, Strides.H, DilationRate.H, Padding, vertical: true),
            ConvShapes.Output(inputShape[1], KernelSize.W, Strides.W, DilationRate.W, Padding, vertical: false),
            Filters,
        ];
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        // Any image size works; the channel count must match the kernel.
        var got = inputShapes[0];
        if (inputShapes.Count != 1 || got.Length != 3 || got[2] != Kernel!.Shape[2]) throw InputShapeError(0, InputShape!, got);
    }

    public override Tensor Forward(Tensor x) => ActivationName == "relu"
        ? F.Conv2DRelu(x, Kernel!, Bias?.Value, Strides, Padding, DilationRate)
        : activation(F.Conv2D(x, Kernel!, Bias?.Value, Strides, Padding, DilationRate));

    public override string ToString() =>
        $"Conv2D \"{Name}\" (filters={Filters}, kernel={KernelSize.H}x{KernelSize.W}, strides={Strides.H}x{Strides.W}, padding={Padding}, activation={ActivationName})";
}
