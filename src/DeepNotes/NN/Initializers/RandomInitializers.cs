namespace DeepNotes.NN.Init;

/// <summary>Base of random initializers: a private generator when seeded, else the global one.</summary>
public abstract class RandomInitializer : Initializer
{
    private readonly InitRandom? seeded;

    protected RandomInitializer(int? seed)
    {
        Seed = seed;
        seeded = seed is null ? null : InitRandom.For(seed);
    }

    /// <summary>The seed given at construction (null: the global generator).</summary>
    public int? Seed { get; }

    internal InitRandom Random => seeded ?? InitRandom.For(null);

    public sealed override void Fill(Tensor weight)
    {
        var values = new double[weight.Size];
        Sample(values, weight.Dims);
        Write(weight, values);
    }

    /// <summary>Writes float64 samples into a contiguous weight of the tensor's shape.</summary>
    protected abstract void Sample(Span<double> values, int[] shape);

    internal static void Write(Tensor weight, double[] values)
    {
        if (weight.DType == DType.Float64) values.CopyTo(weight.AsSpan<double>());
        else
        {
            var d = weight.AsSpan<float>();
            for (int i = 0; i < values.Length; i++) d[i] = (float)values[i];
        }
    }

    /// <summary>Normal draws with values beyond two standard deviations redrawn (Keras's truncated normal).</summary>
    internal void TruncatedNormal(Span<double> values, double mean, double stddev)
    {
        Random.Normal(values);
        Span<double> one = stackalloc double[1];
        for (int i = 0; i < values.Length; i++)
        {
            while (Math.Abs(values[i]) > 2)
            {
                Random.Normal(one);
                values[i] = one[0];
            }
            values[i] = mean + stddev * values[i];
        }
    }
}

/// <summary>Normal draws with a mean and standard deviation (Keras RandomNormal; defaults 0 and 0.05).</summary>
public sealed class RandomNormal(double mean = 0, double stddev = 0.05, int? seed = null) : RandomInitializer(seed)
{
    protected override void Sample(Span<double> values, int[] shape)
    {
        Random.Normal(values);
        for (int i = 0; i < values.Length; i++) values[i] = mean + stddev * values[i];
    }
}

/// <summary>Uniform draws from [min, max) (Keras RandomUniform; defaults −0.05 and 0.05).</summary>
public sealed class RandomUniform(double min = -0.05, double max = 0.05, int? seed = null) : RandomInitializer(seed)
{
    protected override void Sample(Span<double> values, int[] shape)
    {
        if (!(max > min)) throw new ArgumentException($"RandomUniform: max ({max}) must be greater than min ({min})");
        Random.Uniform(values);
        for (int i = 0; i < values.Length; i++) values[i] = min + (max - min) * values[i];
    }
}

/// <summary>Truncated normal draws (redrawn beyond two standard deviations), Keras TruncatedNormal.</summary>
public sealed class TruncatedNormal(double mean = 0, double stddev = 0.05, int? seed = null) : RandomInitializer(seed)
{
    protected override void Sample(Span<double> values, int[] shape) => TruncatedNormal(values, mean, stddev);
}

/// <summary>The course's small random weights: standard normal draws times a scale (np.random.randn(...) * 0.01).</summary>
public sealed class ScaledNormal(double scale = 0.01, int? seed = null) : RandomInitializer(seed)
{
    protected override void Sample(Span<double> values, int[] shape)
    {
        Random.Normal(values);
        for (int i = 0; i < values.Length; i++) values[i] *= scale;
    }
}

/// <summary>Which fan a variance-scaling initializer divides by.</summary>
public enum FanMode
{
    FanIn,
    FanOut,
    FanAvg,
}

/// <summary>Which distribution a variance-scaling initializer draws from.</summary>
public enum Distribution
{
    TruncatedNormal,
    UntruncatedNormal,
    Uniform,
}

/// <summary>
/// Keras's VarianceScaling: variance scale/fan. Truncated normal uses stddev √(scale/fan)/0.8796…
/// (the truncation's correction), uniform the limit √(3·scale/fan). He, Glorot and LeCun are special cases.
/// </summary>
public class VarianceScaling(double scale = 1.0, FanMode mode = FanMode.FanIn, Distribution distribution = Distribution.TruncatedNormal, int? seed = null)
    : RandomInitializer(seed)
{
    public double Scale { get; } = scale > 0 ? scale : throw new ArgumentException($"VarianceScaling: scale must be positive, got {scale}");
    public FanMode Mode { get; } = mode;
    public Distribution Distribution { get; } = distribution;

    protected sealed override void Sample(Span<double> values, int[] shape)
    {
        var (fanIn, fanOut) = ComputeFans(shape);
        double fan = Mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => (fanIn + fanOut) / 2,
        };
        double variance = Scale / Math.Max(1.0, fan);
        switch (Distribution)
        {
            case Distribution.TruncatedNormal:
                TruncatedNormal(values, 0, Math.Sqrt(variance) / 0.87962566103423978);
                break;
            case Distribution.UntruncatedNormal:
                Random.Normal(values);
                double std = Math.Sqrt(variance);
                for (int i = 0; i < values.Length; i++) values[i] *= std;
                break;
            default:
                double limit = Math.Sqrt(3 * variance);
                Random.Uniform(values);
                for (int i = 0; i < values.Length; i++) values[i] = (2 * values[i] - 1) * limit;
                break;
        }
    }
}

/// <summary>Glorot/Xavier uniform: U(−l, l) with l = √(6/(fan_in + fan_out)). Keras's default kernel initializer.</summary>
public sealed class GlorotUniform(int? seed = null) : VarianceScaling(1.0, FanMode.FanAvg, Distribution.Uniform, seed);

/// <summary>Glorot/Xavier normal: truncated normal with variance 2/(fan_in + fan_out).</summary>
public sealed class GlorotNormal(int? seed = null) : VarianceScaling(1.0, FanMode.FanAvg, Distribution.TruncatedNormal, seed);

/// <summary>He/Kaiming normal (Keras): truncated normal with variance 2/fan_in.</summary>
public sealed class HeNormal(int? seed = null) : VarianceScaling(2.0, FanMode.FanIn, Distribution.TruncatedNormal, seed);

/// <summary>He/Kaiming uniform: U(−l, l) with l = √(6/fan_in).</summary>
public sealed class HeUniform(int? seed = null) : VarianceScaling(2.0, FanMode.FanIn, Distribution.Uniform, seed);

/// <summary>Kaiming normal as in PyTorch and the course's He initialisation: N(0, 2/fan_in) without truncation.</summary>
public sealed class KaimingNormal(int? seed = null) : VarianceScaling(2.0, FanMode.FanIn, Distribution.UntruncatedNormal, seed);

/// <summary>LeCun normal: truncated normal with variance 1/fan_in (used with SELU).</summary>
public sealed class LecunNormal(int? seed = null) : VarianceScaling(1.0, FanMode.FanIn, Distribution.TruncatedNormal, seed);
