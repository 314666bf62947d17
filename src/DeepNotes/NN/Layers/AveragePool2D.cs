namespace DeepNotes.NN;

/// <summary>
/// Average pooling over NHWC images (Keras AveragePooling2D): (N, H, W, C) → (N, OH, OW, C); with "same" padding
/// each window averages only its real pixels.
/// </summary>
public sealed class AveragePool2D : Pool2DLayer
{
    public AveragePool2D(int poolSize = 2, int? strides = null, ConvPadding padding = default, string? name = null)
        : base((poolSize, poolSize), strides is null ? null : (strides.Value, strides.Value), padding, name)
    {
    }

    public AveragePool2D((int H, int W) poolSize, (int H, int W)? strides = null, ConvPadding padding = default, string? name = null)
        : base(poolSize, strides, padding, name)
    {
    }

    public override Tensor Forward(Tensor x) => F.AveragePool2D(x, PoolSize, Strides, Padding);
}
