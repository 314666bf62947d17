namespace DeepNotes.NN;

/// <summary>
/// What Conv2D and Conv2DTranspose share: their Keras configuration, argument checks, the kernel and bias weights,
/// and the image-shape plumbing. Subclasses say how the kernel is laid out, how sizes map, and run the op.
/// </summary>
public abstract class Conv2DLayerBase : Layer
{
    private readonly Func<Tensor, Tensor> activation;

    protected Conv2DLayerBase(string type, int filters, (int H, int W) kernelSize, (int H, int W) strides, ConvPadding padding,
        string? activation, bool useBias, (int H, int W)? dilationRate, Initializer? kernelInitializer, Initializer? biasInitializer,
        string? name) : base(name)
    {
        var d = dilationRate ?? (1, 1);
        ConvShapes.CheckPositive(type, "filters", filters);
        ConvShapes.CheckPositive(type, "kernel size", kernelSize.H, kernelSize.W);
        ConvShapes.CheckPositive(type, "strides", strides.H, strides.W);
        ConvShapes.CheckPositive(type, "dilation rate", d.H, d.W);
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

    /// <summary>The 4-D kernel (layout given by the subclass; null before build).</summary>
    public Parameter? Kernel { get; private set; }

    /// <summary>The (filters) bias (null before build or without bias).</summary>
    public Parameter? Bias { get; private set; }

    /// <summary>The kernel's shape for an input with this many channels.</summary>
    protected abstract int[] KernelShape(int inputChannels);

    /// <summary>Which kernel axis holds the input channels.</summary>
    protected abstract int KernelInputAxis { get; }

    /// <summary>The output size along one spatial axis.</summary>
    protected abstract int OutputSize(int size, int kernel, int stride, int dilation, bool vertical);

    protected Tensor Activate(Tensor x) => activation(x);

    protected override void OnBuild(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        if (inputShape[2] <= 0) throw new ArgumentException($"{Describe()}: the channel axis must be known, got {FormatShape(inputShape)}");
        Kernel = AddWeight("kernel", KernelShape(inputShape[2]), KernelInitializer);
        if (UseBias) Bias = AddWeight("bias", [Filters], BiasInitializer);
    }

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        return
        [
            OutputSize(inputShape[0], KernelSize.H, Strides.H, DilationRate.H, vertical: true),
            OutputSize(inputShape[1], KernelSize.W, Strides.W, DilationRate.W, vertical: false),
            Filters,
        ];
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        // Any image size works; the channel count must match the kernel.
        var got = inputShapes[0];
        if (inputShapes.Count != 1 || got.Length != 3 || got[2] != Kernel!.Shape[KernelInputAxis]) throw InputShapeError(0, InputShape!, got);
    }
}
