namespace DeepNotes.Tests.Rng;

public class NumpyRandomContinuousTests
{
    public static TheoryData<uint, string> Seeds => new()
    {
        { 0u, "_0" }, { 1u, "_1" }, { 2u, "_2" }, { 3u, "_3" }, { 42u, "_42" }, { uint.MaxValue, "_Max" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandMatchesNumpy(uint seed, string suffix)
    {
        var rng = new NumpyRandom(seed);
        var t = rng.Rand(7);
        Assert.Equal(DType.Float64, t.DType);
        RandomAssert.Exact(RandomAssert.Reference("Rand" + suffix), t.AsSpan<double>());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandnMatchesNumpy(uint seed, string suffix)
    {
        var rng = new NumpyRandom(seed);
        RandomAssert.Close(RandomAssert.Reference("Randn" + suffix), rng.Randn(7).AsSpan<double>());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void NormalMatchesNumpy(uint seed, string suffix)
    {
        var rng = new NumpyRandom(seed);
        RandomAssert.Close(RandomAssert.Reference("Normal" + suffix), rng.Normal(2.0, 0.5, 5).AsSpan<double>());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void UniformMatchesNumpy(uint seed, string suffix)
    {
        var rng = new NumpyRandom(seed);
        RandomAssert.Exact(RandomAssert.Reference("Uniform" + suffix), rng.Uniform(-1.0, 3.0, 5).AsSpan<double>());
    }

    [Fact]
    public void RandnSeed1StartsWithTheCourseNumbers()
    {
        var rng = new NumpyRandom(1);
        var t = rng.Randn(2, 3);
        Assert.Equal([2, 3], t.Shape.ToArray());
        RandomAssert.Close(NumpyReference.Seed1_Randn2x3, t.AsSpan<double>());
        Assert.Equal(1.62434536, t.GetValue(0, 0), 8);
        Assert.Equal(-2.3015387, t.GetValue(1, 2), 7);
    }

    [Fact]
    public void ScalarDrawsFollowTheSameStream()
    {
        var rng = new NumpyRandom(1);
        var actual = new[] { rng.RandomSample(), rng.RandomSample(), rng.RandomSample() };
        RandomAssert.Exact(NumpyReference.RandomSample_1, actual);

        rng.Seed(0);
        var normals = new double[7];
        for (int i = 0; i < normals.Length; i++) normals[i] = rng.StandardNormal();
        RandomAssert.Close(NumpyReference.Randn_0, normals);
    }

    [Fact]
    public void CachedGaussianSurvivesOtherDraws()
    {
        // seed(1); randn(3); rand(2); randn(1): the 4th normal is the cached one, drawn before the uniforms.
        var rng = new NumpyRandom(1);
        var parts = new[] { rng.Randn(3), rng.Rand(2), rng.Randn(1) };
        var actual = parts.SelectMany(p => p.ToArray()).ToArray();
        RandomAssert.Close(NumpyReference.Seed1_Interleave, actual);
    }

    [Fact]
    public void InterleavingWithIntegerDrawsMatchesNumpy()
    {
        var rng = new NumpyRandom(2);
        var actual = new List<double>();
        actual.AddRange(rng.Randn(1).ToArray());
        actual.AddRange(rng.RandInt(0, 5, 3).ToArray());
        actual.AddRange(rng.Randn(1).ToArray());
        actual.AddRange(rng.Permutation(4).Select(v => (double)v));
        actual.AddRange(rng.Randn(2).ToArray());
        actual.AddRange(rng.Uniform(0, 1, 1).ToArray());
        actual.AddRange(rng.Normal(0, 1, 1).ToArray());
        RandomAssert.Close(NumpyReference.Seed2_InterleaveInts, actual.ToArray());
    }

    [Fact]
    public void ReseedingDropsTheCachedGaussian()
    {
        var rng = new NumpyRandom(1);
        rng.Randn(1);
        rng.Seed(1);
        RandomAssert.Close(NumpyReference.Seed1_ReseedDropsGauss, rng.Randn(2).AsSpan<double>());
        RandomAssert.Close(NumpyReference.Seed1_ReseedDropsGauss, new[] { 1.6243453636632417, -0.6117564136500754 });
    }

    [Fact]
    public void LongSequencesStayInStepAcrossStateRefills()
    {
        var rng = new NumpyRandom(0);
        var z = rng.Randn(1000).ToArray();
        var expected = NumpyReference.Seed0_Randn1000_Picks;
        RandomAssert.Close(expected[..6], new[] { z[0], z[1], z[623], z[624], z[998], z[999] });
        double sum = 0;
        foreach (var v in z) sum += v;
        Assert.Equal(expected[6], sum, 10);

        rng.Seed(0);
        var u = rng.Rand(2000).ToArray();
        var expectedU = NumpyReference.Seed0_Rand2000_Picks;
        RandomAssert.Exact(expectedU[..4], new[] { u[0], u[311], u[312], u[1999] });
        double sumU = 0;
        foreach (var v in u) sumU += v;
        Assert.Equal(expectedU[4], sumU);
    }

    [Fact]
    public void NumpyAliasesDrawTheSameStreams()
    {
        var rng = new NumpyRandom(0);
        RandomAssert.Exact(NumpyReference.Rand_0, rng.RandomSample(7).AsSpan<double>());
        rng.Seed(0);
        RandomAssert.Close(NumpyReference.Randn_0, rng.StandardNormal(7).AsSpan<double>());
    }

    [Fact]
    public void SpanFillsDrawTheSameStreams()
    {
        var rng = new NumpyRandom(0);
        var u = new double[7];
        rng.FillUniform(u);
        RandomAssert.Exact(NumpyReference.Rand_0, u);
        rng.Seed(0);
        var uf = new float[7];
        rng.FillUniform(uf);
        Assert.Equal(Array.ConvertAll(NumpyReference.Rand_0, v => (float)v), uf);

        rng.Seed(1);
        var parts = new double[6];
        rng.FillStandardNormal(parts.AsSpan(0, 3));   // an odd count leaves the cached Gaussian for the next fill
        rng.FillStandardNormal(parts.AsSpan(3));
        RandomAssert.Close(NumpyReference.Seed1_Randn2x3, parts);
        rng.Seed(1);
        var nf = new float[6];
        rng.FillStandardNormal(nf);
        Assert.Equal(Array.ConvertAll(NumpyReference.Seed1_Randn2x3, v => (float)v), nf);
    }

    [Fact]
    public void ShapesAreValidatedAndEmptyShapesGiveScalars()
    {
        var rng = new NumpyRandom(0);
        var s = rng.Rand();
        Assert.Equal(0, s.Rank);
        Assert.Equal(NumpyReference.Rand_0[0], s.Item());
        Assert.Equal([0, 3], rng.Randn(0, 3).Shape.ToArray());
        var e = Assert.Throws<ArgumentException>(() => rng.Randn(2, -1));
        Assert.Contains("randn", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Normal(0, -1, 3));
        Assert.Throws<OverflowException>(() => rng.Uniform(double.MinValue, double.MaxValue, 3));
    }
}
