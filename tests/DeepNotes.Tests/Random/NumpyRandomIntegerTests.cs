namespace DeepNotes.Tests.Rng;

public class NumpyRandomIntegerTests
{
    public static TheoryData<uint, string> Seeds => new()
    {
        { 0u, "_0" }, { 1u, "_1" }, { 2u, "_2" }, { 3u, "_3" }, { 42u, "_42" }, { uint.MaxValue, "_Max" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandIntZeroToTenMatchesNumpy(uint seed, string suffix)
    {
        var t = new NumpyRandom(seed).RandInt(0, 10, 20);
        Assert.Equal(DType.Float64, t.DType);
        RandomAssert.Exact(RandomAssert.ReferenceInts("RandInt0To10" + suffix), t.AsSpan<double>());
    }

    public static TheoryData<uint, long, long, int, string> Ranges => new()
    {
        { 1u, 0, 2, 20, nameof(NumpyReference.Seed1_RandInt0To2) },
        { 1u, -5, 5, 20, nameof(NumpyReference.Seed1_RandIntMinus5To5) },
        { 42u, 0, 3, 20, nameof(NumpyReference.Seed42_RandInt0To3) },
        { 1u, 0, 1L << 31, 6, nameof(NumpyReference.Seed1_RandInt0To2Pow31) },
        { 1u, 0, 1L << 32, 4, nameof(NumpyReference.Seed1_RandInt0To2Pow32) },          // span 2**32 - 1: plain 32-bit draws
        { 1u, 0, (1L << 32) + 1, 4, nameof(NumpyReference.Seed1_RandInt0To2Pow32Plus1) }, // span 2**32: 64-bit masked draws
        { 1u, 0, 1L << 40, 4, nameof(NumpyReference.Seed1_RandInt0To2Pow40) },
        { 1u, -(1L << 40), 1L << 40, 4, nameof(NumpyReference.Seed1_RandIntMinus2Pow40To2Pow40) },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void RandIntRangesMatchNumpy(uint seed, long low, long high, int size, string reference)
    {
        var t = new NumpyRandom(seed).RandInt(low, high, size);
        RandomAssert.Exact(RandomAssert.ReferenceInts(reference), t.AsSpan<double>());
    }

    [Fact]
    public void SingleValueRangeConsumesNoDraws()
    {
        var rng = new NumpyRandom(1);
        var actual = rng.RandInt(0, 1, 5).ToArray().Concat(rng.Rand(1).ToArray()).ToArray();
        RandomAssert.Exact(NumpyReference.Seed1_RandInt0To1_ThenRand, actual);
    }

    [Fact]
    public void ScalarRandIntMatchesNumpy()
    {
        var rng = new NumpyRandom(7);
        var actual = new int[10];
        for (int i = 0; i < 6; i++) actual[i] = rng.RandIntScalar(0, 10);
        for (int i = 6; i < 10; i++) actual[i] = rng.RandIntScalar(-3, 4);
        RandomAssert.Exact(NumpyReference.Seed7_RandIntScalars, actual);
    }

    [Fact]
    public void MultiDimensionalRandIntFillsInCOrder()
    {
        var t = new NumpyRandom(5).RandInt(0, 1000, 2, 5);
        Assert.Equal([2, 5], t.Shape.ToArray());
        RandomAssert.Exact(NumpyReference.Seed5_RandInt1000, t.AsSpan<double>());
    }

    [Fact]
    public void BadBoundsAreRejectedLikeNumpy()
    {
        var rng = new NumpyRandom(0);
        Assert.Contains("high <= 0", Assert.Throws<ArgumentException>(() => rng.RandInt(0, 0, 3)).Message);
        Assert.Contains("low >= high", Assert.Throws<ArgumentException>(() => rng.RandInt(3, 2, 3)).Message);
        Assert.Contains("low >= high", Assert.Throws<ArgumentException>(() => rng.RandIntScalar(5, 5)).Message);
        // numpy returns an empty array for an empty size before looking at the bounds
        Assert.Equal(0, rng.RandInt(5, 5, 0).Size);
    }
}
