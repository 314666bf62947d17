namespace DeepNotes.NN;

/// <summary>
/// 2-D convolution over NHWC images (Keras Conv2D): y = activation(conv(x, kernel) + bias).
/// </summary>
/// <remarks>
/// Shape: (N, H, W, C) → (N, OH, OW, filters), OH = ceil(H / stride) for "same", (H − (k − 1)·d − 1) / stride + 1
/// for "valid". Weights: kernel (kh, kw, C, filters) (Glorot uniform), bias (filters) (zeros).
/// <example><code>var conv = new Conv2D(8, 4, padding: "same", activation: "relu"); var y = conv.Call(x); // (64, 64, 64, 3) → (64, 64, 64, 8)</code></example>
/// </remarks>
public sealed class Conv2D : Conv2DLayerBase
{
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
        string? name = null) : base("Conv2D", filters, kernelSize, strides, padding, activation, useBias, dilationRate, kernelInitializer, biasInitializer, name)
    {
    }

    /// <summary>Keras layout: (kh, kw, in_channels, filters).</summary>
    protected override int[] KernelShape(int inputChannels) => [KernelSize.H, KernelSize.W, inputChannels, Filters];

    protected override int KernelInputAxis => 2;

    protected override int OutputSize(int size, int kernel, int stride, int dilation, bool vertical) =>
        ConvShapes.Output(size, kernel, stride, dilation, Padding, vertical);

    public override Tensor Forward(Tensor x) => ActivationName == "relu"
        ? F.Conv2DRelu(x, Kernel!, Bias?.Value, Strides, Padding, DilationRate)
        : Activate(F.Conv2D(x, Kernel!, Bias?.Value, Strides, Padding, DilationRate));

    public override string ToString() =>
        $"Conv2D \"{Name}\" (filters={Filters}, kernel={KernelSize.H}x{KernelSize.W}, strides={Strides.H}x{Strides.W}, padding={Padding}, activation={ActivationName})";
}
