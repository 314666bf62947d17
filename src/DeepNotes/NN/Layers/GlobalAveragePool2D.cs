namespace DeepNotes.NN;

/// <summary>Mean over the spatial axes (Keras GlobalAveragePooling2D): (N, H, W, C) → (N, C), or (N, 1, 1, C) with keepDims.</summary>
public sealed class GlobalAveragePool2D(bool keepDims = false, string? name = null) : Layer(name)
{
    public bool KeepDims { get; } = keepDims;

    protected override void OnBuild(int[] inputShape) => ConvShapes.CheckImage(inputShape, Describe());

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        return KeepDims ? [1, 1, inputShape[2]] : [inputShape[2]];
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var got = inputShapes[0];
        if (inputShapes.Count != 1 || got.Length != 3 || got[2] != InputShape![2]) throw InputShapeError(0, InputShape!, got);
    }

    public override Tensor Forward(Tensor x) => F.GlobalAveragePool2D(x, KeepDims);
}

/// <summary>Max over the spatial axes (Keras GlobalMaxPooling2D): (N, H, W, C) → (N, C), or (N, 1, 1, C) with keepDims.</summary>
public sealed class GlobalMaxPool2D(bool keepDims = false, string? name = null) : Layer(name)
{
    public bool KeepDims { get; } = keepDims;

    protected override void OnBuild(int[] inputShape) => ConvShapes.CheckImage(inputShape, Describe());

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        return KeepDims ? [1, 1, inputShape[2]] : [inputShape[2]];
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        var got = inputShapes[0];
        if (inputShapes.Count != 1 || got.Length != 3 || got[2] != InputShape![2]) throw InputShapeError(0, InputShape!, got);
    }

    public override Tensor Forward(Tensor x) => F.GlobalMaxPool2D(x, KeepDims);
}
