using DeepNotes;

namespace DeepNotes.Tests.NN;

/// <summary>Test helpers for the NN functional ops: seeded random tensors and a float64 central-difference check.</summary>
internal static class NNCheck
{
    public static Tensor Rand(System.Random rng, params int[] shape)
    {
        var data = new double[Shape.SizeOf(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() * 2 - 1;
        return Tensor.FromArray(data, shape);
    }

    /// <summary>
    /// Checks d(sum(f(inputs) * R))/d(input) for every input against central differences, where R is a fixed
    /// random weighting (so every output element matters). Fails when ‖g − g≈‖ / (‖g‖ + ‖g≈‖) ≥ tolerance.
    /// </summary>
    public static void Gradients(Func<Tensor[], Tensor> f, Tensor[] inputs, double tolerance = 1e-7, double eps = 1e-6, int seed = 7)
    {
        foreach (var t in inputs) t.RequiresGrad = true;
        var y = f(inputs);
        var weights = Rand(new System.Random(seed), y.ShapeCopy());
        (y * weights).Sum().Backward();

        double Loss()
        {
            using var _ = Tensor.NoGrad();
            return (f(inputs) * weights).Sum().Item();
        }

        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            var data = x.Data<double>();
            Assert.True(x.IsContiguous && x.Offset == 0);
            var analytic = x.Grad?.ToArray() ?? new double[x.Size];
            var numeric = new double[x.Size];
            for (int i = 0; i < x.Size; i++)
            {
                double keep = data[i];
                data[i] = keep + eps;
                double plus = Loss();
                data[i] = keep - eps;
                double minus = Loss();
                data[i] = keep;
                numeric[i] = (plus - minus) / (2 * eps);
            }
            double diff = 0, na = 0, nn = 0;
            for (int i = 0; i < numeric.Length; i++)
            {
                diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
                na += analytic[i] * analytic[i];
                nn += numeric[i] * numeric[i];
            }
            double rel = Math.Sqrt(diff) / (Math.Sqrt(na) + Math.Sqrt(nn) + 1e-300);
            Assert.True(rel < tolerance, $"input {k} {x.Shape}: relative difference {rel:E3} (|g| = {Math.Sqrt(na):E3}, |g≈| = {Math.Sqrt(nn):E3})");
        }
    }

    public static void Close(double[] expected, double[] actual, double tol = 1e-10)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"at {i}: expected {expected[i]}, got {actual[i]}");
    }
}
