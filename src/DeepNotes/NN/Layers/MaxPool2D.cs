namespace DeepNotes.NN;

/// <summary>
/// Max pooling over NHWC images (Keras MaxPool2D): (N, H, W, C) → (N, OH, OW, C); strides default to the pool size.
/// </summary>
public sealed class MaxPool2D : Pool2DLayer
{
    public MaxPool2D(int poolSize = 2, int? strides = null, ConvPadding padding = default, string? name = null)
        : base((poolSize, poolSize), strides is null ? null : (strides.Value, strides.Value), padding, name)
    {
    }

    public MaxPool2D((int H, int W) poolSize, (int H, int W)? strides = null, ConvPadding padding = default, string? name = null)
        : base(poolSize, strides, padding, name)
    {
    }

    public override Tensor Forward(Tensor x) => F.MaxPool2D(x, PoolSize, Strides, Padding);
}
