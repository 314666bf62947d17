namespace DeepNotes.Tests.Rng;

public class NumpyRandomBinomialTests
{
    public static TheoryData<uint, int, double, int, string> Cases => new()
    {
        { 1u, 1, 0.8, 20, nameof(NumpyReference.Seed1_Binomial1_08) },       // inversion on q = 0.2
        { 1u, 10, 0.3, 10, nameof(NumpyReference.Seed1_Binomial10_03) },     // inversion
        { 1u, 100, 0.5, 10, nameof(NumpyReference.Seed1_Binomial100_05) },   // BTPE
        { 2u, 1000, 0.9, 10, nameof(NumpyReference.Seed2_Binomial1000_09) }, // BTPE on q = 0.1
        { 3u, 5000, 0.02, 10, nameof(NumpyReference.Seed3_Binomial5000_002) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BinomialMatchesNumpy(uint seed, int n, double p, int size, string reference)
    {
        var t = new NumpyRandom(seed).Binomial(n, p, size);
        RandomAssert.Exact(RandomAssert.ReferenceInts(reference), t.AsSpan<double>());
    }

    [Fact]
    public void DegenerateBinomialsStillConsumeDraws()
    {
        var rng = new NumpyRandom(1);
        var actual = new[] { rng.Binomial(0, 0.5, 2), rng.Binomial(5, 0.0, 2), rng.Binomial(5, 1.0, 2), rng.Rand(1) }
            .SelectMany(t => t.ToArray()).ToArray();
        RandomAssert.Exact(NumpyReference.Seed1_BinomialDegenerate_ThenRand, actual);
    }

    [Fact]
    public void BinomialValidatesArguments()
    {
        var rng = new NumpyRandom(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Binomial(-1, 0.5, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Binomial(3, 1.5, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Binomial(3, double.NaN, 2));
    }
}
