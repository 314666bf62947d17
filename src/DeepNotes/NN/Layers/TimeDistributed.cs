namespace DeepNotes.NN;

/// <summary>
/// Applies a layer to every time step of a sequence (Keras TimeDistributed) by folding time into the batch:
/// (N, T, ...) → (N·T, ...) → layer → (N, T, ...out).
/// </summary>
public sealed class TimeDistributed : Layer
{
    public TimeDistributed(Layer layer, string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Inner = RegisterModule("layer", layer);
    }

    /// <summary>The wrapped layer (shared across all time steps).</summary>
    public Layer Inner { get; }

    protected override void OnBuild(int[] inputShape)
    {
        if (inputShape.Length < 2)
            throw new ArgumentException($"{Describe()}: expects (N, T, ...) with at least one feature axis, got input shape {FormatShape(inputShape)}");
        Inner.Build(inputShape[1..], DType);
    }

    public override int[] ComputeOutputShape(int[] inputShape) => [inputShape[0], .. Inner.ComputeOutputShape(inputShape[1..])];

    protected override void ValidateInputShapes(IReadOnlyList<int[]> inputShapes)
    {
        // Any number of time steps; the per-step shape must match the build.
        var got = inputShapes[0];
        var want = InputShape!;
        bool ok = inputShapes.Count == 1 && got.Length == want.Length;
        for (int i = 1; ok && i < want.Length; i++) ok = want[i] < 0 || got[i] == want[i];
        if (!ok) throw InputShapeError(0, want, got);
    }

    public override Tensor Forward(Tensor x)
    {
        int n = x.Dims[0], steps = x.Dims[1];
        var folded = x.Reshape([n * steps, .. x.Dims[2..]]);
        var y = Inner.Call(folded);
        return y.Reshape([n, steps, .. y.Dims[1..]]);
    }

    public override string ToString() => $"TimeDistributed \"{Name}\" ({Inner})";
}
