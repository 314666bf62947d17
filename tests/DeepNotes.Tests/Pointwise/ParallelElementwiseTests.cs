using DeepNotes;

namespace DeepNotes.Tests.Pointwise;

/// <summary>
/// Arrays long enough for the elementwise driver to split them across cores must give exactly the values of the
/// per-element scalar form, including the ragged last chunk, offset views, and scalar broadcasts.
/// </summary>
public class ParallelElementwiseTests
{
    private const int Size = (1 << 18) + (1 << 16) + 37;

    private static float[] Random(int seed, int n)
    {
        var random = new Random(seed);
        var data = new float[n];
        for (int i = 0; i < n; i++) data[i] = (float)(random.NextDouble() * 6 - 3);
        return data;
    }

    [Fact]
    public void Unary_over_a_long_offset_view_matches_the_scalar_form()
    {
        var data = Random(1, Size + 5);
        var view = Tensor.FromArray(data)[5..];
        var exp = view.Exp().ToArray();
        var sigmoid = view.Sigmoid().ToArray();
        for (int i = 0; i < Size; i++)
        {
            Assert.Equal(Math.Exp(data[i + 5]), exp[i], 1e-6 * Math.Exp(data[i + 5]));
            Assert.Equal(1 / (1 + Math.Exp(-data[i + 5])), sigmoid[i], 1e-6);
        }
    }

    [Fact]
    public void Binary_long_arrays_and_scalar_broadcasts_match_the_scalar_form()
    {
        var x = Random(2, Size);
        var y = Random(3, Size);
        var tx = Tensor.FromArray(x);
        var ty = Tensor.FromArray(y);
        var sum = (tx + ty).ToArray();
        var product = (tx * Tensor.FromArray(new[] { 2.5f })).ToArray();
        var quotient = (Tensor.FromArray(new[] { 1.5f }) / ty).ToArray();
        for (int i = 0; i < Size; i++)
        {
            Assert.Equal(x[i] + y[i], (float)sum[i]);
            Assert.Equal(x[i] * 2.5f, (float)product[i]);
            Assert.Equal(1.5f / y[i], (float)quotient[i]);
        }
    }
}
