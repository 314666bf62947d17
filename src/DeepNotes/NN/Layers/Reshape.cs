namespace DeepNotes.NN;

/// <summary>Reshapes each sample to a target shape (batch axis kept; one −1 is inferred), Keras Reshape.</summary>
public sealed class Reshape : Layer
{
    private readonly int[] target;

    public Reshape(int[] targetShape, string? name = null) : base(name)
    {
        if (targetShape.Count(d => d == -1) > 1 || targetShape.Any(d => d < -1 || d == 0))
            throw new ArgumentException($"Reshape: target shape {Shape.Format(targetShape)} must have positive dims and at most one -1");
        target = (int[])targetShape.Clone();
    }

    public int[] TargetShape => (int[])target.Clone();

    public override int[] ComputeOutputShape(int[] inputShape)
    {
        var result = (int[])target.Clone();
        int unknown = Array.IndexOf(result, -1);
        if (inputShape.Any(d => d < 0)) return result;
        int size = inputShape.Aggregate(1, (a, b) => a * b);
        int known = result.Where(d => d > 0).Aggregate(1, (a, b) => a * b);
        if (unknown >= 0 ? size % known != 0 : size != known)
            throw new ArgumentException($"{Describe()}: cannot reshape input of shape {FormatShape(inputShape)} to {FormatShape(target)}");
        if (unknown >= 0) result[unknown] = size / known;
        return result;
    }

    public override Tensor Forward(Tensor x) => x.Reshape([x.Dims[0], .. ComputeOutputShape(x.Dims[1..])]);
}
