namespace DeepNotes.NN;

/// <summary>Repeats a vector n times: (N, F) → (N, n, F) (Keras RepeatVector, used by the attention NMT model).</summary>
public sealed class RepeatVector : Layer
{
    public RepeatVector(int n, string? name = null) : base(name)
    {
        if (n <= 0) throw new ArgumentException($"RepeatVector: n must be positive, got {n}");
        N = n;
    }

    public int N { get; }

    protected override void OnBuild(int[] inputShape)
    {
        if (inputShape.Length != 1)
            throw new ArgumentException($"{Describe()}: expects inputs of shape (None, features), got {FormatShape(inputShape)}");
    }

    public override int[] ComputeOutputShape(int[] inputShape) => [N, .. inputShape];

    public override Tensor Forward(Tensor x)
    {
        int batch = x.Dims[0], features = x.Dims[1];
        return x.Reshape(batch, 1, features).BroadcastTo(batch, N, features).Contiguous();
    }
}
