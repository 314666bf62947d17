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

    [Fact]
    public void The_one_pass_gradient_scales_and_survives_a_second_backward()
    {
        var random = new Random(4);
        int rows = 50, cols = 37;
        var logits = Enumerable.Range(0, rows * cols).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        var labels = new double[rows * cols];
        for (int r = 0; r < rows; r++) labels[r * cols + random.Next(cols)] = 1;
        var y = Tensor.FromArray(labels, rows, cols).AsType(DType.Float32);

        var z1 = Tensor.FromArray(logits, rows, cols).AsType(DType.Float32).RequireGrad();
        F.CategoricalCrossEntropy(y, z1, fromLogits: true).Backward();
        var once = z1.Grad!.ToArray();

        // Upstream gradient 3 (the loss scaled), then the same graph differentiated a second time.
        var z3 = Tensor.FromArray(logits, rows, cols).AsType(DType.Float32).RequireGrad();
        var loss = F.CategoricalCrossEntropy(y, z3, fromLogits: true);
        (loss * 3.0).Backward();
        var thrice = z3.Grad!.ToArray();
        var z2 = Tensor.FromArray(logits, rows, cols).AsType(DType.Float32).RequireGrad();
        var loss2 = F.CategoricalCrossEntropy(y, z2, fromLogits: true);
        loss2.Backward();
        z2.Grad!.AsSpan<float>().Fill(0);   // e.g. an optimizer zeroing gradients in place
        loss2.Backward();
        var again = z2.Grad!.ToArray();
        for (int i = 0; i < once.Length; i++)
        {
            Assert.Equal(3 * once[i], thrice[i], 1e-6);
            Assert.Equal(once[i], again[i], 1e-7);
        }
        Assert.Contains(once, v => Math.Abs(v) > 1e-3);
    }
}
