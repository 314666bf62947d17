namespace DeepNotes.NN;

/// <summary>
/// Pads NHWC images with zero rows and columns (Keras ZeroPadding2D): (N, H, W, C) → (N, H + top + bottom, W + left + right, C).
/// </summary>
public sealed class ZeroPadding2D : Layer
{
    /// <summary>The same pad on every side (Keras padding=p).</summary>
    public ZeroPadding2D(int padding = 1, string? name = null) : this(padding, padding, padding, padding, name)
    {
    }

    /// <summary>Symmetric pads per axis (Keras padding=(ph, pw)).</summary>
    public ZeroPadding2D((int H, int W) padding, string? name = null) : this(padding.H, padding.H, padding.W, padding.W, name)
    {
    }

    /// <summary>Explicit pads (Keras padding=((top, bottom), (left, right))).</summary>
    public ZeroPadding2D(int top, int bottom, int left, int right, string? name = null) : base(name)
    {
        if (top < 0 || bottom < 0 || left < 0 || right < 0)
            throw new ArgumentException($"ZeroPadding2D: pads must be non-negative, got ({top}, {bottom}, {left}, {right})");
        (Top, Bottom, Left, Right) = (top, bottom, left, right);
    }

    public int Top { get; }
    public int Bottom { get; }
    public int Left { get; }
    public int Right { get; }

    protected override void OnBuild(int[] inputShape) => ConvShapes.CheckImage(inputShape, Describe());

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        ConvShapes.CheckImage(inputShape, Describe());
        return [inputShape[0] < 0 ? -1 : inputShape[0] + Top + Bottom, inputShape[1] < 0 ? -1 : inputShape[1] + Left + Right, inputShape[2]];
    }

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        if (inputShapes.Count != 1 || inputShapes[0].Length != 3) throw InputShapeError(0, InputShape!, inputShapes[0]);
    }

    public override Tensor Forward(Tensor x) => F.ZeroPadding2D(x, Top, Bottom, Left, Right);
}
