namespace DeepNotes.NN;

/// <summary>Configuration and shape logic shared by <see cref="MaxPool2D"/> and <see cref="AveragePool2D"/>.</summary>
public abstract class Pool2DLayer : Layer
{
    protected Pool2DLayer((int H, int W) poolSize, (int H, int W)? strides, ConvPadding padding, string? name) : base(name)
    {
        var s = strides ?? poolSize;
        ConvShapes.CheckPositive(GetType().Name, "pool size", poolSize.H, poolSize.W);
        ConvShapes.CheckPositive(GetType().Name, "strides", s.H, s.W);
        PoolSize = poolSize;
        Strides = s;
        Padding = padding;
    }

    public (int H, int W) PoolSize { get; }

    /// <summary>The window step (defaults to the pool size, like Keras).</summary>
    public (int H, int W) Strides { get; }

    public ConvPadding Padding { get; }

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        return
        [
            ConvShapes.Output(inputShape[0], PoolSize.H, Strides.H, 1, Padding, vertical: true),
            ConvShapes.Output(inputShape[1], PoolSize.W, Strides.W, 1, Padding, vertical: false),
            inputShape[2],
        ];
    }

    protected override void OnBuild(int[] inputShape) => ConvShapes.CheckImage(inputShape, Describe());

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        // Pooling has no weights: any image of the same rank is fine.
        if (inputShapes.Count != 1 || inputShapes[0].Length != 3) throw InputShapeError(0, InputShape!, inputShapes[0]);
    }

    public override string ToString() =>
        $"{GetType().Name} \"{Name}\" (pool={PoolSize.H}x{PoolSize.W}, strides={Strides.H}x{Strides.W}, padding={Padding})";
}
