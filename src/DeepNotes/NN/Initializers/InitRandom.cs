namespace DeepNotes.NN.Init;

/// <summary>
/// The random source behind initializers and dropout: float64 draws from a generator that is either private
/// (seeded) or shared (global). One place to adapt to the engine's numpy-compatible generator.
/// </summary>
internal sealed class InitRandom
{
    // TEMPORARY until NumpyRandom lands on main: a seeded System.Random. Switch both members to the numpy generator.
    private readonly Random random;

    private InitRandom(Random random) => this.random = random;

    private static readonly InitRandom GlobalInstance = new(new Random(0));

    /// <summary>A private generator for a seed, or the shared global one when the seed is null.</summary>
    public static InitRandom For(int? seed) => seed is null ? GlobalInstance : new InitRandom(new Random(seed.Value));

    /// <summary>Fills with uniform draws from [0, 1).</summary>
    public void Uniform(Span<double> destination)
    {
        lock (random) for (int i = 0; i < destination.Length; i++) destination[i] = random.NextDouble();
    }

    /// <summary>Fills with standard normal draws.</summary>
    public void Normal(Span<double> destination)
    {
        lock (random)
        {
            for (int i = 0; i < destination.Length; i += 2)
            {
                double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                double r = Math.Sqrt(-2 * Math.Log(u1));
                destination[i] = r * Math.Cos(2 * Math.PI * u2);
                if (i + 1 < destination.Length) destination[i + 1] = r * Math.Sin(2 * Math.PI * u2);
            }
        }
    }
}
