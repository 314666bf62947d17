namespace DeepNotes.NN;

/// <summary>
/// Fills a new weight tensor (Keras initializers / torch.nn.init). Random initializers draw float64 values from the
/// numpy-compatible generator (a private one when a seed is given, else the global <c>Np.Random</c>) and
/// convert them to the weight's dtype, so float32 and float64 layers get the same numbers up to rounding.
/// </summary>
public abstract class Initializer
{
    /// <summary>Overwrites every element of a contiguous tensor (no autodiff recording).</summary>
    public abstract void Fill(Tensor weight);

    /// <summary>Creates a tensor of the given shape and dtype filled by this initializer.</summary>
    public Tensor Create(int[] shape, DType dtype = DType.Float32)
    {
        var t = Tensor.Zeros(shape, dtype);
        Fill(t);
        return t;
    }

    /// <summary>
    /// Keras's fans: a vector has fan_in = fan_out = its size; a matrix (in, out); a conv kernel
    /// (k1, ..., in, out) multiplies both by the receptive field size k1·k2·...
    /// </summary>
    public static (double FanIn, double FanOut) ComputeFans(int[] shape)
    {
        if (shape.Length == 0) return (1, 1);
        if (shape.Length == 1) return (shape[0], shape[0]);
        if (shape.Length == 2) return (shape[0], shape[1]);
        double receptive = 1;
        for (int i = 0; i < shape.Length - 2; i++) receptive *= shape[i];
        return (shape[^2] * receptive, shape[^1] * receptive);
    }

    /// <summary>The initializer for a Keras name ("zeros", "ones", "glorot_uniform", "he_normal"...).</summary>
    public static Initializer Get(string name) => name.ToLowerInvariant() switch
    {
        "zeros" or "zero" => new Init.Zeros(),
        "ones" or "one" => new Init.Ones(),
        "random_normal" => new Init.RandomNormal(),
        "random_uniform" => new Init.RandomUniform(),
        "truncated_normal" => new Init.TruncatedNormal(),
        "scaled_normal" => new Init.ScaledNormal(),
        "glorot_uniform" or "xavier_uniform" => new Init.GlorotUniform(),
        "glorot_normal" or "xavier_normal" => new Init.GlorotNormal(),
        "he_normal" => new Init.HeNormal(),
        "he_uniform" or "kaiming_uniform" => new Init.HeUniform(),
        "kaiming_normal" => new Init.KaimingNormal(),
        "lecun_normal" => new Init.LecunNormal(),
        _ => throw new ArgumentException($"initializer: unknown initializer '{name}'"),
    };

    // Keras strings are accepted wherever an initializer is: new Dense(10, kernelInitializer: "he_normal").
    // A null string stays null, so an optional initializer argument falls back to the layer's default.
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(name))]
    public static implicit operator Initializer?(string? name) => name is null ? null : Get(name);
}
