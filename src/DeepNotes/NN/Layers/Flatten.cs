namespace DeepNotes.NN;

/// <summary>Flattens each sample to a vector: (N, d1, d2, ...) → (N, d1·d2·...) (Keras Flatten, row-major like NHWC).</summary>
public sealed class Flatten(string? name = null) : Layer(name)
{
    public override int[] ComputeOutputShape(int[] inputShape) =>
        [inputShape.Any(d => d < 0) ? -1 : inputShape.Aggregate(1, (a, b) => a * b)];

    public override Tensor Forward(Tensor x) => x.Reshape(x.Dims[0], x.Rank == 1 ? 1 : -1);
}
