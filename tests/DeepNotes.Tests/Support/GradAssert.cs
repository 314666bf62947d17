using DeepNotes;

namespace DeepNotes.Tests.Support;

/// <summary>
/// Test helper: asserts that autodiff gradients of f match float64 central differences
/// (the course's relative difference below 1e-7). A non-scalar output is reduced with a fixed,
/// seeded random weighting so that every output element (and any mistake in it) matters.
/// </summary>
public static class GradAssert
{
    public const double DefaultTolerance = 1e-7;

    // eps = 1e-6 rather than the course's 1e-7: ten times less float64 round-off in the quotient, and the
    // truncation error (~eps² f''') stays far below the tolerance.
    public const double DefaultEpsilon = 1e-6;

    /// <summary>Checks d f(inputs) / d inputs; inputs must be float64 leaf tensors.</summary>
    public static GradientCheckResult Check(Func<Tensor[], Tensor> f, params Tensor[] inputs) =>
        CheckWith(DefaultEpsilon, DefaultTolerance, f, inputs);

    /// <summary>Single-input form.</summary>
    public static GradientCheckResult Check(Func<Tensor, Tensor> f, Tensor input) =>
        CheckWith(DefaultEpsilon, DefaultTolerance, ps => f(ps[0]), input);

    /// <summary>Like Check with explicit epsilon and tolerance.</summary>
    public static GradientCheckResult CheckWith(double epsilon, double tolerance, Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        Tensor? weights = null;
        Tensor Scalarized(Tensor[] ps)
        {
            var y = f(ps);
            if (y.Size == 1) return y.Reshape();
            // Same weights for every evaluation: built once from the output's shape.
            weights ??= RandomWeights(y.Shape.ToArray(), seed: 12345);
            if (y.Shape != weights.Shape)
                throw new InvalidOperationException($"GradAssert: f's output shape changed from {weights.Shape} to {y.Shape}");
            return (y * weights).Sum();
        }

        var result = GradientCheck.Check(Scalarized, inputs, epsilon, threshold: tolerance);
        Assert.True(result.Passed, result.ToString());
        return result;
    }

    /// <summary>Values in ±[0.5, 1.5) so that no weight is near zero and signs vary.</summary>
    private static Tensor RandomWeights(int[] shape, int seed)
    {
        var rng = new Random(seed);
        var data = new double[Shape.SizeOf(shape)];
        for (int i = 0; i < data.Length; i++)
            data[i] = (rng.Next(2) == 0 ? -1 : 1) * (0.5 + rng.NextDouble());
        return Tensor.FromArray(data, shape);
    }
}
