namespace DeepNotes.NN;

/// <summary>
/// Batch normalization (Keras BatchNormalization): normalises each channel (the <c>axis</c>, default the last)
/// with batch statistics in training and moving averages in inference, then scales by gamma and shifts by beta.
/// </summary>
/// <remarks>
/// Shape: any, output has the input's shape. Weights: gamma and beta (trainable, C each) and moving_mean /
/// moving_variance (non-trainable state, C each), so a Dense(…)-sized BN has 4·C params of which 2·C non-trainable.
/// Updates: moving = momentum·moving + (1 − momentum)·batch, biased batch variance (Keras).
/// A frozen layer (Trainable = false) runs in inference mode even while training (Keras 2.x+ behaviour).
/// </remarks>
public sealed class BatchNormalization : Layer
{
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true, string? name = null)
        : base(name)
    {
        if (momentum < 0 || momentum > 1) throw new ArgumentException($"BatchNormalization: momentum must be in [0, 1], got {momentum}");
        if (epsilon <= 0) throw new ArgumentException($"BatchNormalization: epsilon must be positive, got {epsilon}");
        Axis = axis;
        Momentum = momentum;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
    }

    /// <summary>The channel axis counted on the full tensor including the batch axis (−1: last; 3 for NHWC).</summary>
    public int Axis { get; }
    public double Momentum { get; }
    public double Epsilon { get; }
    public bool Center { get; }
    public bool Scale { get; }

    public Parameter? Gamma { get; private set; }
    public Parameter? Beta { get; private set; }
    public Parameter? MovingMean { get; private set; }
    public Parameter? MovingVariance { get; private set; }

    protected override void OnBuild(int[] inputShape)
    {
        int rank = inputShape.Length + 1;
        int ax = Axis < 0 ? Axis + rank : Axis;
        if (ax <= 0 || ax >= rank)
            throw new ArgumentException($"{Describe()}: axis {Axis} is out of range for inputs of shape {FormatShape(inputShape)} (the batch axis cannot be normalised over)");
        int c = inputShape[ax - 1];
        if (c <= 0) throw new ArgumentException($"{Describe()}: the channel axis must be known, got shape {FormatShape(inputShape)}");
        if (Scale) Gamma = AddWeight("gamma", [c], new Init.Ones());
        if (Center) Beta = AddWeight("beta", [c], new Init.Zeros());
        MovingMean = AddWeight("moving_mean", [c], new Init.Zeros(), trainable: false);
        MovingVariance = AddWeight("moving_variance", [c], new Init.Ones(), trainable: false);
    }

    public override int[] ComputeOutputShape(int[] inputShape) => (int[])inputShape.Clone();

    // Like Keras, a frozen BatchNormalization (Trainable = false) always runs in inference mode, so fine-tuning a
    // model on top of a frozen base neither uses batch statistics nor updates the moving ones.
    public override Tensor Forward(Tensor x) =>
        F.BatchNorm(x, Gamma?.Value, Beta?.Value, MovingMean!.Value, MovingVariance!.Value, Training && Trainable, Momentum, Epsilon, Axis);
}
