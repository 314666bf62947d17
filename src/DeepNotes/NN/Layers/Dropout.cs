namespace DeepNotes.NN;

/// <summary>
/// Inverted dropout (Keras Dropout): in training mode each element is zeroed with probability <c>rate</c> and
/// the survivors are scaled by 1/(1 − rate), so inference is the identity.
/// </summary>
/// <remarks>Shape: any, output has the input's shape. Seeded for reproducible masks.</remarks>
public sealed class Dropout : Layer
{
    private readonly Init.InitRandom random;

    public Dropout(double rate, int? seed = null, string? name = null) : base(name)
    {
        if (rate < 0 || rate >= 1) throw new ArgumentException($"Dropout: rate must be in [0, 1), got {rate}");
        Rate = rate;
        random = Init.InitRandom.For(seed);
    }

    public double Rate { get; }

    public override int[] ComputeOutputShape(int[] inputShape) => (int[])inputShape.Clone();

    public override Tensor Forward(Tensor x) => Training && Rate > 0 ? F.Dropout(x, Rate, random) : x;
}
