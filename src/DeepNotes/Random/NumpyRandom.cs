using System.Security.Cryptography;

namespace DeepNotes;

/// <summary>
/// numpy's legacy <c>RandomState</c> (MT19937), reproduced draw for draw, so that course code such as
/// <c>np.random.seed(1); W1 = np.random.randn(4, 2) * 0.01</c> gives the very numbers the course expects:
/// <code>
/// Np.Random.Seed(1);
/// var W1 = Np.Random.Randn(4, 2) * 0.01;   // W1[0, 0] == 0.0162434536...
/// </code>
/// Every distribution follows numpy's legacy code path (mtrand.pyx, legacy-distributions.c), including the
/// cached second Gaussian of the polar method and the masked rejection sampling of bounded integers.
/// Generated tensors are float64 and C-ordered. Calls are serialised by a lock, as numpy's are.
/// </summary>
public sealed partial class NumpyRandom
{
    private readonly MersenneTwister mt;
    private readonly Lock gate = new();
    private bool hasGauss;
    private double gauss;

    /// <summary>A generator seeded like <c>np.random.RandomState(seed)</c>.</summary>
    public NumpyRandom(uint seed = 0) => mt = new MersenneTwister(seed);

    /// <summary>A generator seeded like <c>np.random.RandomState(seed)</c>; seed must be in [0, 2**32 - 1].</summary>
    public NumpyRandom(int seed) : this(CheckSeed(seed)) { }

    /// <summary>A generator seeded from an array, like <c>np.random.RandomState([k0, k1, ...])</c>.</summary>
    public NumpyRandom(uint[] key) : this(0u) => Seed(key);

    /// <summary>A generator seeded from OS entropy, like <c>np.random.RandomState()</c> with no seed.</summary>
    public static NumpyRandom FromEntropy()
    {
        var r = new NumpyRandom(0u);
        r.SeedFromEntropy();
        return r;
    }

    /// <summary>Reseeds like <c>np.random.seed(seed)</c> (MT19937 <c>init_genrand</c>) and drops the cached Gaussian.</summary>
    public void Seed(uint seed)
    {
        lock (gate)
        {
            mt.Seed(seed);
            ResetCaches();
        }
    }

    /// <summary>Reseeds like <c>np.random.seed(seed)</c>; seed must be in [0, 2**32 - 1].</summary>
    public void Seed(int seed) => Seed(CheckSeed(seed));

    /// <summary>Reseeds from an array of words like <c>np.random.seed([k0, k1, ...])</c> (MT19937 <c>init_by_array</c>).</summary>
    public void Seed(uint[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0) throw new ArgumentException("seed: Seed must be non-empty", nameof(key));
        lock (gate)
        {
            mt.SeedByArray(key);
            ResetCaches();
        }
    }

    /// <summary>Reseeds from OS entropy, like <c>np.random.seed()</c> with no argument.</summary>
    public void SeedFromEntropy()
    {
        var key = new uint[624];
        RandomNumberGenerator.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(key.AsSpan()));
        key[0] = 0x80000000u;   // as numpy does: the state can never be all zero
        lock (gate)
        {
            mt.SetState(key, 624);
            ResetCaches();
        }
    }

    private static uint CheckSeed(long seed) => seed is < 0 or > uint.MaxValue
        ? throw new ArgumentOutOfRangeException(nameof(seed), $"seed: Seed must be between 0 and 2**32 - 1, got {seed}")
        : (uint)seed;

    private void ResetCaches()
    {
        hasGauss = false;
        gauss = 0.0;
    }

    /// <summary>
    /// The generator's state like numpy's legacy <c>get_state()</c>: the 624-word key, the position,
    /// whether a Gaussian is cached and its value.
    /// </summary>
    public (uint[] Key, int Pos, bool HasGauss, double CachedGaussian) GetState()
    {
        lock (gate)
        {
            var (key, pos) = mt.GetState();
            return (key, pos, hasGauss, gauss);
        }
    }

    /// <summary>Restores a state taken with <see cref="GetState"/> (numpy's <c>set_state</c>).</summary>
    public void SetState((uint[] Key, int Pos, bool HasGauss, double CachedGaussian) state)
    {
        ArgumentNullException.ThrowIfNull(state.Key);
        lock (gate)
        {
            mt.SetState(state.Key, state.Pos);
            hasGauss = state.HasGauss;
            gauss = state.HasGauss ? state.CachedGaussian : 0.0;
        }
    }

    /// <summary>The next raw 32-bit output of MT19937.</summary>
    public uint NextUInt32()
    {
        lock (gate) return mt.NextUInt32();
    }

    /// <summary>One uniform double in [0, 1) with 53 random bits (numpy's <c>random_sample()</c>).</summary>
    public double RandomSample()
    {
        lock (gate) return mt.NextDouble();
    }

    /// <summary>One standard normal value (numpy's legacy <c>standard_normal()</c>, polar Box-Muller).</summary>
    public double StandardNormal()
    {
        lock (gate) return Gauss();
    }

    /// <summary>
    /// numpy's <c>legacy_gauss</c>: the polar method yields two values per accepted pair; the first returned
    /// is <c>f * x2</c> and <c>f * x1</c> is cached for the next call (even across other kinds of draws).
    /// </summary>
    private double Gauss()
    {
        if (hasGauss)
        {
            hasGauss = false;
            double cached = gauss;
            gauss = 0.0;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * mt.NextDouble() - 1.0;
            x2 = 2.0 * mt.NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /// <summary>A new contiguous float64 tensor of the given shape (validated) and its backing span.</summary>
    private static Tensor NewFloat64(int[] shape, string op, out Span<double> data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var t = new Tensor(Tensor.CheckShape(shape, op), DType.Float64);
        data = t.AsSpan<double>();
        return t;
    }
}
