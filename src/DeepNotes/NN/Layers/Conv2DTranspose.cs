namespace DeepNotes.NN;

/// <summary>
/// Transposed 2-D convolution over NHWC images (Keras Conv2DTranspose), the upsampling layer of U-Net decoders.
/// </summary>
/// <remarks>
/// Shape: (N, H, W, C) → (N, H·s, W·s, filters) for "same", (N, (H − 1)·s + (k − 1)·d + 1, …) for "valid".
/// Weights: kernel (kh, kw, filters, C) (Keras's layout; Glorot uniform), bias (filters) (zeros).
/// </remarks>
public sealed class Conv2DTranspose : Layer
{
    private readonly Func<Tensor, Tensor> activation;

    /// <summary>A square kernel with equal strides.</summary>
    public Conv2DTranspose(int filters, int kernelSize, int strides = 1, ConvPadding padding = default, string? activation = null,
        bool useBias = true, int dilationRate = 1, Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null)
        : this(filters, (kernelSize, kernelSize), (strides, strides), padding, activation, useBias, (dilationRate, dilationRate),
            kernelInitializer, biasInitializer, name)
    {
    }

    /// <summary>Per-axis kernel size, strides and dilation.</summary>
    public Conv2DTranspose(int filters, (int H, int W) kernelSize, (int H, int W) strides, ConvPadding padding = default, string? activation = null,
        bool useBias = true, (int H, int W)? dilationRate = null, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        string? name = null) : base(name)
    {
        var d = dilationRate ?? (1, 1);
        ConvShapes.CheckPositive("Conv2DTranspose", "filters", filters);
        ConvShapes.CheckPositive("Conv2DTranspose", "kernel size", kernelSize.H, kernelSize.W);
        ConvShapes.CheckPositive("Conv2DTranspose", "strides", strides.H, strides.W);
        ConvShapes.CheckPositive("Conv2DTranspose", "dilation rate", d.H, d.W);
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

    /// <summary>The (kh, kw, filters, in_channels) kernel (null before build).</summary>
    public Parameter? Kernel { get; private set; }

    /// <summary>The (filters) bias (null before build or without bias).</summary>
    public Parameter? Bias { get; private set; }

    protected override void OnBuild(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        if (inputShape[2] <= 0) throw new ArgumentException($"{Describe()}: the channel axis must be known, got {FormatShape(inputShape)}");
        Kernel = AddWeight("kernel", [KernelSize.H, KernelSize.W, Filters, inputShape[2]], KernelInitializer);
        if (UseBias) Bias = AddWeight("bias", [Filters], BiasInitializer);
    }

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        return
        [
            ConvShapes.TransposedOutput(inputShape[0], KernelSize.H, Strides.H, DilationRate.H, Padding, vertical: true),
            ConvShapes.TransposedOutput(inputShape[1], KernelSize.W, Strides.W, DilationRate.W, Padding, vertical: false),
            Filters,
        ];
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var got = inputShapes[0];
        if (inputShapes.Count != 1 || got.Length != 3 || got[2] != Kernel!.Shape[3]) throw InputShapeError(0, InputShape!, got);
    }

    public override Tensor Forward(Tensor x) => activation(F.Conv2DTranspose(x, Kernel!, Bias?.Value, Strides, Padding, DilationRate));

    public override string ToString() =>
        $"Conv2DTranspose \"{Name}\" (filters={Filters}, kernel={KernelSize.H}x{KernelSize.W}, strides={Strides.H}x{Strides.W}, padding={Padding})";
}
