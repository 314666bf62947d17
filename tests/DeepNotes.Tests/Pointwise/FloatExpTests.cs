using DeepNotes;

namespace DeepNotes.Tests.Pointwise;

/// <summary>
/// float32 exp and sigmoid (computed in float32) against double references: ≤ 1 ulp exp and ≤ 3 ulp sigmoid over a
/// sweep of float bit patterns, the overflow/underflow/subnormal edges, ±∞ and NaN, and a ragged tail.
/// </summary>
public class FloatExpTests
{
    private static float[] Sweep()
    {
        var values = new List<float>();
        for (uint bits = 0; bits < 0xFFFF_FFFF - 40_009; bits += 40_009)
        {
            float v = BitConverter.UInt32BitsToSingle(bits);
            if (float.IsFinite(v) && v > -110 && v < 90) values.Add(v);
        }
        values.AddRange([0f, -0f, 1e-30f, -1e-30f, float.Epsilon, 88.72283f, -87.33655f, -100f, -103.9f, 30.5f, -30.5f]);
        return [.. values];
    }

    private static double Ulp(float reference) =>
        reference < 1.1754944e-38f ? float.Epsilon : MathF.BitIncrement(reference) - reference;

    [Fact]
    public void Exp_is_within_one_ulp_of_the_double_result()
    {
        var x = Sweep();
        var y = Tensor.FromArray(x).Exp().ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Exp(x[i]);
            if (float.IsInfinity((float)exact))
            {
                Assert.Equal(double.PositiveInfinity, y[i]);
                continue;
            }
            Assert.True(Math.Abs(y[i] - exact) <= 1.01 * Ulp((float)exact), $"exp({x[i]:R}) = {y[i]:R}, expected {exact:R}");
        }
    }

    [Fact]
    public void Sigmoid_is_within_three_ulp_of_the_double_result_on_both_tails()
    {
        var x = Sweep();
        var y = Tensor.FromArray(x).Sigmoid().ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            double exact = 1 / (1 + Math.Exp(-(double)x[i]));
            Assert.True(Math.Abs(y[i] - exact) <= 3 * Ulp((float)exact), $"sigmoid({x[i]:R}) = {y[i]:R}, expected {exact:R}");
        }
    }

    [Fact]
    public void Tanh_is_within_three_ulp_of_the_double_result_near_zero_and_on_both_tails()
    {
        var x = Sweep();
        var y = Tensor.FromArray(x).Tanh().ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Tanh(x[i]);
            Assert.True(Math.Abs(y[i] - exact) <= 3 * Ulp(Math.Abs((float)exact)), $"tanh({x[i]:R}) = {y[i]:R}, expected {exact:R}");
        }
        var edges = Tensor.FromArray(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.625f, -0.625f, 0.6249999f }).Tanh().ToArray();
        Assert.True(double.IsNaN(edges[0]));
        Assert.Equal(1.0, edges[1]);
        Assert.Equal(-1.0, edges[2]);
        Assert.Equal(Math.Tanh(0.625), edges[3], 6);
        Assert.Equal(-edges[3], edges[4]);
        Assert.Equal(Math.Tanh(0.6249999f), edges[5], 6);
    }

    [Fact]
    public void Edges_overflow_underflow_infinities_and_nan()
    {
        float[] x = [89f, 88.8f, -104f, -120f, float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        var exp = Tensor.FromArray(x).Exp().ToArray();
        Assert.Equal(double.PositiveInfinity, exp[0]);
        Assert.Equal(double.PositiveInfinity, exp[1]);
        Assert.Equal(0, exp[2]);
        Assert.Equal(0, exp[3]);
        Assert.Equal(double.PositiveInfinity, exp[4]);
        Assert.Equal(0, exp[5]);
        Assert.True(double.IsNaN(exp[6]));
        var sigmoid = Tensor.FromArray(x).Sigmoid().ToArray();
        Assert.Equal([1, 1, (float)(1 / (1 + Math.Exp(104.0))), 0, 1, 0], sigmoid[..6].Select(v => (float)v));
        Assert.True(double.IsNaN(sigmoid[6]));
    }
}
