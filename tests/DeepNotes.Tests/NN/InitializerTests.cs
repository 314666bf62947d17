using DeepNotes.NN;
using DeepNotes.NN.Init;

namespace DeepNotes.Tests.NN;

public class InitializerTests
{
    [Fact]
    public void FansFollowKerasConventions()
    {
        Assert.Equal((3.0, 5.0), Initializer.ComputeFans([3, 5]));
        Assert.Equal((4.0 * 4 * 3, 4.0 * 4 * 8), Initializer.ComputeFans([4, 4, 3, 8]));
        Assert.Equal((7.0, 7.0), Initializer.ComputeFans([7]));
    }

    [Fact]
    public void GlorotAndHeUniformRespectLimitsAndVariance()
    {
        var g = new GlorotUniform(seed: 1).Create([200, 300], DType.Float64).ToArray();
        double limit = Math.Sqrt(6.0 / 500);
        Assert.All(g, v => Assert.InRange(v, -limit, limit));
        Assert.Equal(limit * limit / 3, Variance(g), 2e-4);
        var h = new HeUniform(seed: 2).Create([400, 100], DType.Float64).ToArray();
        Assert.All(h, v => Assert.InRange(v, -Math.Sqrt(6.0 / 400), Math.Sqrt(6.0 / 400)));
    }

    [Fact]
    public void NormalInitializersHaveTheirVariance()
    {
        var he = new HeNormal(seed: 3).Create([500, 200], DType.Float64).ToArray();
        Assert.Equal(2.0 / 500, Variance(he), 3e-4);
        double cut = 2 * Math.Sqrt(2.0 / 500) / 0.87962566103423978;
        Assert.All(he, v => Assert.True(Math.Abs(v) <= cut + 1e-12));
        var k = new KaimingNormal(seed: 4).Create([500, 200], DType.Float64).ToArray();
        Assert.Equal(2.0 / 500, Variance(k), 3e-4);
        var s = new ScaledNormal(0.01, seed: 5).Create([300, 300], DType.Float64).ToArray();
        Assert.Equal(1e-4, Variance(s), 5e-6);
        var gn = new GlorotNormal(seed: 6).Create([300, 100], DType.Float64).ToArray();
        Assert.Equal(2.0 / 400, Variance(gn), 3e-4);
    }

    [Fact]
    public void SeededInitializersAreReproducibleAndDTypeIndependent()
    {
        var a = new GlorotUniform(seed: 7).Create([3, 4], DType.Float64).ToArray();
        var b = new GlorotUniform(seed: 7).Create([3, 4], DType.Float64).ToArray();
        var c = new GlorotUniform(seed: 7).Create([3, 4], DType.Float32).ToArray();
        Assert.Equal(a, b);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], c[i], 6);
        Assert.All(new Constant(2.5).Create([2, 2]).ToArray(), v => Assert.Equal(2.5, v));
        Assert.All(Initializer.Get("ones").Create([3]).ToArray(), v => Assert.Equal(1.0, v));
        Assert.IsType<HeNormal>(Initializer.Get("he_normal"));
        Assert.Throws<ArgumentException>(() => Initializer.Get("bogus"));
    }

    [Fact]
    public void ScaledNormalMatchesNumpyRandn()
    {
        // np.random.seed(1); np.random.randn(4, 2) * 0.01 → W[0, 0] = 0.0162434536, W[0, 1] = -0.0061175641
        var w = new ScaledNormal(0.01, seed: 1).Create([4, 2], DType.Float64);
        Assert.Equal(0.0162434536, w.GetValue(0, 0), 9);
        Assert.Equal(-0.0061175641, w.GetValue(0, 1), 9);
    }

    private static double Variance(double[] v)
    {
        double m = v.Average();
        return v.Sum(x => (x - m) * (x - m)) / v.Length;
    }
}
