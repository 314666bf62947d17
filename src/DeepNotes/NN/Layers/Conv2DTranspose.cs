namespace DeepNotes.NN;

/// <summary>
/// Transposed 2-D convolution over NHWC images (Keras Conv2DTranspose), the upsampling layer of U-Net decoders.
/// </summary>
/// <remarks>
/// Shape: (N, H, W, C) → (N, H·s, W·s, filters) for "same", (N, (H − 1)·s + (k − 1)·d + 1, …) for "valid".
/// Weights: kernel (kh, kw, filters, C) (Keras's layout; Glorot uniform), bias (filters) (zeros).
/// </remarks>
public sealed class Conv2DTranspose : Conv2DLayerBase
{
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
        string? name = null) : base("Conv2DTranspose", filters, kernelSize, strides, padding, activation, useBias, dilationRate, kernelInitializer, biasInitializer, name)
    {
    }

    /// <summary>Keras's layout: (kh, kw, filters, in_channels).</summary>
    protected override int[] KernelShape(int inputChannels) => [KernelSize.H, KernelSize.W, Filters, inputChannels];

    protected override int KernelInputAxis => 3;

    protected override int OutputSize(int size, int kernel, int stride, int dilation, bool vertical) =>
        ConvShapes.TransposedOutput(size, kernel, stride, dilation, Padding, vertical);

    public override Tensor Forward(Tensor x) => Activate(F.Conv2DTranspose(x, Kernel!, Bias?.Value, Strides, Padding, DilationRate));

    public override string ToString() =>
        $"Conv2DTranspose \"{Name}\" (filters={Filters}, kernel={KernelSize.H}x{KernelSize.W}, strides={Strides.H}x{Strides.W}, padding={Padding})";
}
