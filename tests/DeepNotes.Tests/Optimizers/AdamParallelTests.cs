using DeepNotes.Optimizers;

namespace DeepNotes.Tests.Optimizers;

/// <summary>Adam's update of a large parameter, split in halves over the kernel threads, matches one scalar pass exactly.</summary>
public class AdamParallelTests
{
    [Theory]
    [InlineData(40_000)]  // split at a whole vector
    [InlineData(16_397)]  // just over the split size, odd tail
    [InlineData(1_001)]   // one pass
    public void SplitUpdateMatchesTheScalarFormula(int n)
    {
        var rng = new System.Random(n);
        float R() => (float)(rng.NextDouble() * 2 - 1);
        var w = Enumerable.Range(0, n).Select(_ => R()).ToArray();
        var g = Enumerable.Range(0, n).Select(_ => R()).ToArray();
        var m = Enumerable.Range(0, n).Select(_ => R() * 0.1f).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => Math.Abs(R()) * 0.01f).ToArray();
        float b1 = 0.9f, b2 = 0.999f, lr = 0.001f, eps = 1e-7f, wd = 0.01f;
        int t = 3;
        var (we, me, ve) = ((float[])w.Clone(), (float[])m.Clone(), (float[])v.Clone());
        float c1 = 1f / (1f - MathF.Pow(b1, t)), c2 = 1f / (1f - MathF.Pow(b2, t));
        for (int i = 0; i < n; i++)
        {
            float gi = g[i] + wd * we[i];
            float mi = b1 * me[i] + (1f - b1) * gi;
            float vi = b2 * ve[i] + (1f - b2) * gi * gi;
            me[i] = mi;
            ve[i] = vi;
            we[i] = we[i] * 1f - lr * (mi * c1) / (MathF.Sqrt(vi * c2) + eps);
        }
        UpdateKernels.Adam<float>(w, g, m, v, b1, b2, lr, eps, wd, t, decoupled: false);
        Assert.Equal(me, m);
        Assert.Equal(ve, v);
        Assert.Equal(we, w);
    }
}
