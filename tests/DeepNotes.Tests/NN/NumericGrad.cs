namespace DeepNotes.Tests.NN;

/// <summary>
/// Central-difference gradient check for float64 tensors (used until the shared GradientCheck lands):
/// compares d f / d p for each parameter with (f(p + h) − f(p − h)) / 2h using the course's relative metric.
/// </summary>
internal static class NumericGrad
{
    public static void Check(Func<Tensor> f, params Tensor[] parameters) => Check(f, 1e-7, parameters);

    public static void Check(Func<Tensor> f, double tolerance, params Tensor[] parameters)
    {
        foreach (var p in parameters)
        {
            Assert.Equal(DType.Float64, p.DType);
            p.Grad = null;
        }
        f().Backward();
        foreach (var p in parameters)
        {
            var analytic = p.Grad?.ToArray() ?? new double[p.Size];
            var data = p.Data<double>();
            var numeric = new double[p.Size];
            const double h = 1e-6;
            using (Tensor.NoGrad())
            {
                for (int i = 0; i < p.Size; i++)
                {
                    int at = p.Offset + i;
                    double old = data[at];
                    data[at] = old + h;
                    double plus = f().Item();
                    data[at] = old - h;
                    double minus = f().Item();
                    data[at] = old;
                    numeric[i] = (plus - minus) / (2 * h);
                }
            }
            double diff = 0, na = 0, nn = 0;
            for (int i = 0; i < numeric.Length; i++)
            {
                diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
                na += analytic[i] * analytic[i];
                nn += numeric[i] * numeric[i];
            }
            double rel = Math.Sqrt(diff) / (Math.Sqrt(na) + Math.Sqrt(nn) + 1e-300);
            Assert.True(rel < tolerance || Math.Sqrt(diff) < 1e-10,
                $"gradient check failed for parameter of shape {p.Shape}: relative difference {rel:e3}\nanalytic {string.Join(", ", analytic.Take(8))}\nnumeric  {string.Join(", ", numeric.Take(8))}");
        }
    }

    /// <summary>A float64 tensor of standard normal values from a fixed seed, requiring grad.</summary>
    public static Tensor Randn(int seed, params int[] shape)
    {
        var r = new Random(seed);
        var data = new double[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++) data[i] = Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
        return Tensor.FromArray(data, shape).RequireGrad();
    }

    /// <summary>A fixed random weighting so that sum(w·y) has a non-trivial gradient.</summary>
    public static Tensor WeightedSum(Tensor y, int seed = 99)
    {
        var w = Randn(seed, y.Shape.ToArray());
        w.RequiresGrad = false;
        return (y * w).Sum();
    }
}
