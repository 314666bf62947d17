namespace DeepNotes.NN;

public static partial class F
{
    /// <summary>
    /// Inverted dropout: keeps each element with probability 1 − rate and scales kept ones by 1/(1 − rate).
    /// Pass <paramref name="training"/> false for the identity. Uses the global generator unless a seed is given.
    /// </summary>
    public static Tensor Dropout(Tensor x, double rate, bool training = true, int? seed = null)
    {
        if (rate < 0 || rate >= 1) throw new ArgumentException($"dropout: rate must be in [0, 1), got {rate}");
        return training && rate > 0 ? Dropout(x, rate, Init.InitRandom.For(seed)) : x;
    }

    internal static Tensor Dropout(Tensor x, double rate, Init.InitRandom random)
    {
        var u = new double[x.Size];
        random.Uniform(u);
        double keep = 1 - rate, scale = 1 / keep;
        var mask = Tensor.Empty(x.ShapeCopy(), x.DType);
        if (x.DType == DType.Float32)
        {
            var m = mask.AsSpan<float>();
            for (int i = 0; i < u.Length; i++) m[i] = u[i] < keep ? (float)scale : 0f;
        }
        else
        {
            var m = mask.AsSpan<double>();
            for (int i = 0; i < u.Length; i++) m[i] = u[i] < keep ? scale : 0;
        }
        return x * mask.To(x.Device);   // the mask is drawn on the host (the same stream on every device)
    }
}
