namespace DeepNotes;

public sealed partial class NumpyRandom
{
    /// <summary>Uniform samples in [0, 1) of the given shape (numpy's <c>rand(d0, d1, ...)</c>); float64.</summary>
    public Tensor Rand(params int[] shape)
    {
        var t = NewFloat64(shape, "rand", out var data);
        FillUniform(data);
        return t;
    }

    /// <summary>Uniform samples in [0, 1) of the given shape (numpy's <c>random_sample(size)</c>, same draws as <see cref="Rand"/>).</summary>
    public Tensor RandomSample(params int[] shape) => Rand(shape);

    /// <summary>Standard normal samples of the given shape (numpy's <c>standard_normal(size)</c>, same draws as <see cref="Randn"/>).</summary>
    public Tensor StandardNormal(params int[] shape) => Randn(shape);

    /// <summary>Standard normal samples of the given shape, filled in C order (numpy's <c>randn(d0, d1, ...)</c>); float64.</summary>
    public Tensor Randn(params int[] shape)
    {
        var t = NewFloat64(shape, "randn", out var data);
        FillStandardNormal(data);
        return t;
    }

    /// <summary>Uniform samples in [low, high) (numpy's legacy <c>uniform(low, high, size)</c>: low + (high - low) * u).</summary>
    public Tensor Uniform(double low, double high, params int[] shape)
    {
        double range = high - low;
        if (!double.IsFinite(range))
            throw new OverflowException($"uniform: range exceeds valid bounds (low={low}, high={high})");
        var t = NewFloat64(shape, "uniform", out var data);
        lock (gate)
            for (int i = 0; i < data.Length; i++) data[i] = low + range * mt.NextDouble();
        return t;
    }

    /// <summary>Normal samples with mean loc and standard deviation scale (numpy's legacy <c>normal(loc, scale, size)</c>).</summary>
    public Tensor Normal(double loc, double scale, params int[] shape)
    {
        // numpy checks the sign bit (so -0.0 is refused) and lets NaN through
        if (double.IsNegative(scale) && !double.IsNaN(scale)) throw new ArgumentOutOfRangeException(nameof(scale), $"normal: scale < 0 (scale={scale})");
        var t = NewFloat64(shape, "normal", out var data);
        lock (gate)
            for (int i = 0; i < data.Length; i++) data[i] = loc + scale * Gauss();
        return t;
    }
}
