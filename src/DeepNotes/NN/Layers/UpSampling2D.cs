namespace DeepNotes.NN;

/// <summary>
/// Nearest-neighbour upsampling of NHWC images (Keras UpSampling2D): (N, H, W, C) → (N, H·sh, W·sw, C).
/// </summary>
public sealed class UpSampling2D : Layer
{
    public UpSampling2D(int size = 2, string? name = null) : this((size, size), name)
    {
    }

    public UpSampling2D((int H, int W) size, string? name = null) : base(name)
    {
        ConvShapes.CheckPositive("UpSampling2D", "size", size.H, size.W);
        Size = size;
    }

    public (int H, int W) Size { get; }

    protected override void OnBuild(int[] inputShape) => ConvShapes.CheckImage(inputShape, Describe());

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        return [inputShape[0] < 0 ? -1 : inputShape[0] * Size.H, inputShape[1] < 0 ? -1 : inputShape[1] * Size.W, inputShape[2]];
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count != 1 || inputShapes[0].Length != 3) throw InputShapeError(0, InputShape!, inputShapes[0]);
    }

    public override Tensor Forward(Tensor x) => F.UpSampling2D(x, Size);
}
