using System.Runtime.Intrinsics;
using DeepNotes.Kernels;

namespace DeepNotes.Tests.Pointwise;

/// <summary>The AVX-512 float32 sigmoid and tanh (activations and the fused LSTM cell) against double precision.</summary>
public class GateMathTests
{
    private static IEnumerable<float> Arguments()
    {
        var rng = new System.Random(7);
        for (int i = 0; i < 20000; i++)
        {
            yield return (float)(rng.NextDouble() * 40 - 20);
            yield return (float)(rng.NextDouble() * 2 - 1);
            yield return (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, -rng.Next(1, 38)));
            yield return (float)(rng.NextDouble() * 240 - 120);
        }
        // Around the points where the reduction's n changes (±ln2/2 for tanh's 2|x|, ±ln2/2 for sigmoid's |x|).
        for (float v = 0.15f; v < 0.4f; v += 1e-4f) { yield return v; yield return -v; }
    }

    [Fact]
    public void MatchDoublePrecisionWithinAFewUlp()
    {
        if (!GateMath.IsSupported) return;
        foreach (float x in Arguments())
        {
            double s = 1 / (1 + Math.Exp(-(double)x)), t = Math.Tanh(x);
            float gs = GateMath.Sigmoid(Vector512.Create(x))[0], gt = GateMath.Tanh(Vector512.Create(x))[0];
            // Relative to the result, with an absolute floor at the smallest normal float (sigmoid of very negative x).
            Assert.True(Math.Abs(gs - s) <= 5e-7 * Math.Abs(s) + 1.2e-38, $"sigmoid({x}) = {gs}, expected {s}");
            Assert.True(Math.Abs(gt - t) <= 5e-7 * Math.Abs(t) + 1.2e-38, $"tanh({x}) = {gt}, expected {t}");
        }
    }

    [Fact]
    public void SpecialValues()
    {
        if (!GateMath.IsSupported) return;
        float S(float x) => GateMath.Sigmoid(Vector512.Create(x))[0];
        float T(float x) => GateMath.Tanh(Vector512.Create(x))[0];
        Assert.Equal(0.5f, S(0f));
        Assert.Equal(0.5f, S(-0f));
        Assert.Equal(1f, S(float.PositiveInfinity));
        Assert.Equal(0f, S(float.NegativeInfinity));
        Assert.True(float.IsNaN(S(float.NaN)));
        Assert.True(float.IsPositive(T(0f)) && T(0f) == 0);
        Assert.True(float.IsNegative(T(-0f)) && T(-0f) == 0);
        Assert.Equal(1f, T(float.PositiveInfinity));
        Assert.Equal(-1f, T(float.NegativeInfinity));
        Assert.Equal(1f, T(100f));
        Assert.Equal(1e-30f, T(1e-30f));
        Assert.True(float.IsNaN(T(float.NaN)));
        // Lanes are independent: a vector of mixed arguments gives each lane's own result.
        var mixed = Vector512.Create(0f, 1f, -1f, float.NaN, 5f, -5f, 1e-3f, -1e-3f, 20f, -20f, 0.2f, -0.2f, 3f, -3f, 0.5f, -0.5f);
        var sv = GateMath.Sigmoid(mixed);
        var tv = GateMath.Tanh(mixed);
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(S(mixed[i]), sv[i]);
            Assert.Equal(T(mixed[i]), tv[i]);
        }
    }
}
