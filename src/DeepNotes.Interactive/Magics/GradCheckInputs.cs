namespace DeepNotes.Interactive.Magics;

/// <summary>
/// Inputs and the scalar projection used by <c>#!gradcheck</c>. A function with a tensor output is checked
/// through L = Σ f(x) ⊙ R with a fixed random R, so every output element's gradient takes part.
/// </summary>
public static class GradCheckInputs
{
    /// <summary>A float64 leaf tensor of standard normal values (seeded, so a failing check repeats).</summary>
    public static Tensor Random(int[] shape, int seed)
    {
        var rng = new Random(seed);
        var data = new double[Shape.SizeOf(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            // Box–Muller: two uniforms → one normal value.
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            data[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return Tensor.FromArray(data, shape);
    }

    /// <summary>A float64 leaf copy of a notebook value, so the check never perturbs or tapes the learner's tensor.</summary>
    public static Tensor Leaf(Tensor x) => Tensor.FromArray(x.ToArray(), x.Shape.ToArray());

    /// <summary>Σ y ⊙ R with R fixed by y's shape; a one-element y is returned as is.</summary>
    public static Tensor Project(Tensor y)
    {
        if (y.Size == 1) return y.Sum();
        Tensor weights;
        using (Tensor.NoGrad()) weights = Random(y.Shape.ToArray(), 1234).AsType(y.DType);
        return (y * weights).Sum();
    }
}
