using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.Losses;

/// <summary>The float32 SIMD rows of the fused softmax cross-entropy agree with the float64 path (loss and gradient).</summary>
public class FloatCrossEntropyTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(20.0)]
    public void Float32_logits_match_float64_on_a_3d_batch_with_soft_labels(double spread)
    {
        var random = new Random(9);
        int[] shape = [5, 7, 13];
        int n = 5 * 7 * 13;
        var logits = new double[n];
        var labels = new double[n];
        for (int i = 0; i < n; i++) logits[i] = (random.NextDouble() * 2 - 1) * spread;
        for (int r = 0; r < n / 13; r++)
        {
            labels[r * 13 + random.Next(13)] = 0.75;
            labels[r * 13 + random.Next(13)] += 0.25;
        }
        (double Loss, double[] Grad) Run(DType dtype)
        {
            var z = Tensor.FromArray(logits, shape).AsType(dtype).RequireGrad();
            var y = Tensor.FromArray(labels, shape).AsType(dtype);
            var loss = F.CategoricalCrossEntropy(y, z, fromLogits: true);
            loss.Backward();
            return (loss.Item(), z.Grad!.ToArray());
        }
        var (l32, g32) = Run(DType.Float32);
        var (l64, g64) = Run(DType.Float64);
        Assert.Equal(l64, l32, 1e-5 * Math.Max(1, Math.Abs(l64)));
        for (int i = 0; i < n; i++) Assert.Equal(g64[i], g32[i], 1e-6);
    }
}
