namespace DeepNotes.NN;

public static partial class F
{
    /// <summary>
    /// Batch normalization over every axis except <paramref name="axis"/> (the channels; −1 for NHWC / (N, F)).
    /// Training: normalises with the batch mean and (biased) variance and, when moving statistics are given,
    /// updates them in place: moving = moving·momentum + batch·(1 − momentum) (Keras). Inference: uses the moving
    /// statistics. y = gamma·(x − mean)/√(var + epsilon) + beta; gamma/beta may be null.
    /// </summary>
    public static Tensor BatchNorm(Tensor x, Tensor? gamma, Tensor? beta, Tensor? movingMean, Tensor? movingVariance,
        bool training, double momentum = 0.99, double epsilon = 1e-3, int axis = -1)
    {
        int ax = Shape.NormalizeAxis(axis, x.Rank, "batch_norm");
        int channels = x.Dims[ax];
        var bshape = new int[x.Rank];
        Array.Fill(bshape, 1);
        bshape[ax] = channels;
        Tensor Shaped(Tensor t) => ax == x.Rank - 1 ? t : t.Reshape(bshape);

        Tensor mean, variance;
        if (training)
        {
            var axes = Enumerable.Range(0, x.Rank).Where(i => i != ax).ToArray();
            mean = x.Mean(axes, keepDims: true);
            var centered = x - mean;
            variance = (centered * centered).Mean(axes, keepDims: true);
            if (movingMean is not null && movingVariance is not null)
            {
                using var _ = Tensor.NoGrad();
                movingMean.LerpInPlace(mean.Reshape(channels), 1 - momentum);
                movingVariance.LerpInPlace(variance.Reshape(channels), 1 - momentum);
            }
            var y = centered * (variance + epsilon).Pow(-0.5);
            if (gamma is not null) y = y * Shaped(gamma);
            return beta is null ? y : y + Shaped(beta);
        }
        if (movingMean is null || movingVariance is null)
            throw new ArgumentException("batch_norm: inference mode needs the moving mean and variance");
        mean = Shaped(movingMean);
        variance = Shaped(movingVariance);
        // Inference: fold everything into one scale and shift per channel.
        var scale = (variance + epsilon).Pow(-0.5);
        if (gamma is not null) scale = scale * Shaped(gamma);
        var shift = -mean * scale;
        if (beta is not null) shift = shift + Shaped(beta);
        return x * scale + shift;
    }
}
