using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.Losses;

/// <summary>The float32 SIMD rows of the fused softmax cross-entropy agree with the float64 path (loss and gradient).</summary>
public class FloatCrossEntropyTests
{
    [Theory]
    [InlineData(1.0, 35, 13)]
    [InlineData(20.0, 35, 13)]
    [InlineData(1.0, 1, 1)]
    [InlineData(3.0, 7, 6)]      // SIGNS: shorter than one vector
    [InlineData(3.0, 3, 16)]     // exactly one vector
    [InlineData(3.0, 5, 17)]     // one vector and a 1-wide tail
    [InlineData(3.0, 4, 33)]
    [InlineData(5.0, 2000, 90)]  // the jazz LSTM's rows; big enough to run on the kernel workers
    public void Float32_logits_match_float64_with_soft_labels(double spread, int rows, int cols)
    {
        var random = new Random(9);
        int[] shape = rows % 5 == 0 ? [5, rows / 5, cols] : [rows, cols];
        int n = rows * cols;
        var logits = new double[n];
        var labels = new double[n];
        for (int i = 0; i < n; i++) logits[i] = (random.NextDouble() * 2 - 1) * spread;
        for (int r = 0; r < rows; r++)
        {
            labels[r * cols + random.Next(cols)] = 0.75;
            labels[r * cols + random.Next(cols)] += 0.25;
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

    [Theory]
    [InlineData(6)]
    [InlineData(90)]
    public void A_nan_logit_makes_the_float32_loss_nan(int cols)
    {
        var z = Tensor.Zeros([3, cols], DType.Float32);
        z[1, cols - 1] = Tensor.Scalar(double.NaN);
        var y = Tensor.Zeros([3, cols], DType.Float32);
        for (int r = 0; r < 3; r++) y[r, 0] = Tensor.Scalar(1.0);
        Assert.True(double.IsNaN(F.CategoricalCrossEntropy(y, z, fromLogits: true).Item()));
    }
}
