namespace DeepNotes;

public static partial class Np
{
    /// <summary>
    /// The global generator, numpy's <c>np.random</c>: <c>Np.Random.Seed(1); var W = Np.Random.Randn(4, 2) * 0.01;</c>
    /// gives numpy's numbers. Like numpy it starts from OS entropy, so seed it for reproducible runs.
    /// </summary>
    public static NumpyRandom Random { get; } = NumpyRandom.FromEntropy();
}
