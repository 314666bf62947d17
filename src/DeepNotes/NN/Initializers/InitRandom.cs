namespace DeepNotes.NN.Init;

/// <summary>
/// The random source behind initializers and dropout: float64 draws from the numpy-compatible generator,
/// either a private one (seeded, like <c>np.random.RandomState(seed)</c>) or the global <c>Np.Random</c>.
/// </summary>
internal sealed class InitRandom
{
    private readonly NumpyRandom? own;

    private InitRandom(NumpyRandom? own) => this.own = own;

    private static readonly InitRandom GlobalInstance = new(null);

    private NumpyRandom Generator => own ?? Np.Random;

    /// <summary>A private generator for a seed, or the global one when the seed is null.</summary>
    public static InitRandom For(int? seed) => seed is null ? GlobalInstance : new InitRandom(new NumpyRandom(seed.Value));

    /// <summary>Fills with uniform draws from [0, 1) (numpy's random_sample).</summary>
    public void Uniform(Span<double> destination)
    {
        var g = Generator;
        lock (g) g.FillUniform(destination);
    }

    /// <summary>Fills with standard normal draws (numpy's randn order).</summary>
    public void Normal(Span<double> destination)
    {
        var g = Generator;
        lock (g) g.FillStandardNormal(destination);
    }
}
