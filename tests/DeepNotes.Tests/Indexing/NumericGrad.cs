using DeepNotes;

namespace DeepNotes.Tests.Indexing;

/// <summary>
/// Central-difference gradient check in float64: the loss is sum(f(x) * w) for a fixed random w,
/// so every output element's gradient path is exercised with a distinct weight.
/// </summary>
internal static class NumericGrad
{
    public static void Check(Func<Tensor, Tensor> f, Tensor x, int seed = 0) => Check(xs => f(xs[0]), [x], seed);

    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, int seed = 0)
    {
        var rng = new Random(seed);
        var xs = inputs.Select(x => Tensor.FromArray(x.ToArray(), x.Shape.ToArray()).RequireGrad()).ToArray();
        var y = f(xs);
        var w = Tensor.FromArray(Enumerable.Range(0, y.Size).Select(_ => rng.NextDouble() * 2 - 1).ToArray(), y.Shape.ToArray());
        (y * w).Sum().Backward();

        const double h = 1e-6;
        for (int k = 0; k < xs.Length; k++)
        {
            var analytic = xs[k].Grad?.ToArray() ?? new double[xs[k].Size];
            var numeric = new double[xs[k].Size];
            using (Tensor.NoGrad())
            {
                for (int i = 0; i < numeric.Length; i++)
                {
                    numeric[i] = (Loss(f, xs, w, k, i, h) - Loss(f, xs, w, k, i, -h)) / (2 * h);
                }
            }
            double diff = 0, norm = 0;
            for (int i = 0; i < numeric.Length; i++)
            {
                diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
                norm += analytic[i] * analytic[i] + numeric[i] * numeric[i];
            }
            double rel = norm == 0 ? 0 : Math.Sqrt(diff) / Math.Sqrt(norm);
            Assert.True(rel < 1e-7, $"input {k}: relative difference {rel:E3} (analytic [{string.Join(", ", analytic.Take(8))}] vs numeric [{string.Join(", ", numeric.Take(8))}])");
        }
    }

    private static double Loss(Func<Tensor[], Tensor> f, Tensor[] xs, Tensor w, int k, int i, double delta)
    {
        var shifted = xs.Select((x, j) =>
        {
            var data = x.ToArray();
            if (j == k) data[i] += delta;
            return Tensor.FromArray(data, x.Shape.ToArray());
        }).ToArray();
        return (f(shifted) * w).Sum().Item();
    }
}
