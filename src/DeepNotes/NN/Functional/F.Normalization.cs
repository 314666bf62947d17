using System.Numerics;

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
        if (training && ax == x.Rank - 1 && x.Size > 0 && SameDType(x, gamma, beta, movingMean, movingVariance))
            return BatchNormTrainFused(x, gamma, beta, movingMean, movingVariance, momentum, epsilon);
        return BatchNormComposed(x, gamma, beta, movingMean, movingVariance, training, momentum, epsilon, ax);
    }

    private static bool SameDType(Tensor x, params Tensor?[] others)
    {
        foreach (var t in others)
            if (t is not null && (t.DType != x.DType || !t.IsContiguous)) return false;
        return true;
    }

    // The same computation from elementary ops (any axis); the reference for the fused kernel.
    internal static Tensor BatchNormComposed(Tensor x, Tensor? gamma, Tensor? beta, Tensor? movingMean, Tensor? movingVariance,
        bool training, double momentum, double epsilon, int ax)
    {
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

public static partial class F
{
    // Training-mode batch norm over the last axis as one op: per-channel mean and variance in double, output
    // in one pass, closed-form backward dx = γ·σ⁻¹/M·(M·dy − Σdy − x̂·Σ(dy·x̂)), dγ = Σ(dy·x̂), dβ = Σdy.
    private static Tensor BatchNormTrainFused(Tensor x, Tensor? gamma, Tensor? beta, Tensor? movingMean, Tensor? movingVariance,
        double momentum, double epsilon)
    {
        var xc = x.Contiguous();
        int c = x.Dims[^1];
        int rows = x.Size / c;
        var mean = new double[c];
        var invStd = new double[c];
        var y = Tensor.Empty(x.ShapeCopy(), x.DType);
        if (x.DType == DType.Float32) BatchNormForward<float>(xc, gamma, beta, y, rows, c, epsilon, mean, invStd);
        else BatchNormForward<double>(xc, gamma, beta, y, rows, c, epsilon, mean, invStd);
        if (movingMean is not null && movingVariance is not null)
        {
            using var _ = Tensor.NoGrad();
            var m = Tensor.FromArray(mean).AsType(x.DType);
            var v = Tensor.FromArray(invStd.Select(s => 1 / (s * s) - epsilon).ToArray()).AsType(x.DType);
            movingMean.LerpInPlace(m, 1 - momentum);
            movingVariance.LerpInPlace(v, 1 - momentum);
        }
        Tensor[] inputs = [x, .. new[] { gamma, beta }.Where(t => t is not null).Select(t => t!)];
        return Autodiff.Record(y, "batch_norm", inputs, g =>
        {
            var gc = g.Contiguous();
            var grads = x.DType == DType.Float32
                ? BatchNormBackward<float>(gc, xc, gamma, rows, c, mean, invStd, x.RequiresGrad)
                : BatchNormBackward<double>(gc, xc, gamma, rows, c, mean, invStd, x.RequiresGrad);
            var result = new List<Tensor?> { grads.Dx };
            if (gamma is not null) result.Add(grads.DGamma);
            if (beta is not null) result.Add(grads.DBeta);
            return [.. result];
        });
    }

    private static void BatchNormForward<T>(Tensor x, Tensor? gamma, Tensor? beta, Tensor y, int rows, int c, double epsilon, double[] mean, double[] invStd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> xs = x.AsSpan<T>();
        var ys = y.AsSpan<T>();
        for (int r = 0; r < rows; r++)
        {
            var row = xs.Slice(r * c, c);
            for (int j = 0; j < c; j++) mean[j] += double.CreateTruncating(row[j]);
        }
        for (int j = 0; j < c; j++) mean[j] /= rows;
        var variance = new double[c];
        for (int r = 0; r < rows; r++)
        {
            var row = xs.Slice(r * c, c);
            for (int j = 0; j < c; j++)
            {
                double d = double.CreateTruncating(row[j]) - mean[j];
                variance[j] += d * d;
            }
        }
        var scale = new double[c];
        var shift = new double[c];
        ReadOnlySpan<T> gs = gamma is null ? default : gamma.AsSpan<T>();
        ReadOnlySpan<T> bs = beta is null ? default : beta.AsSpan<T>();
        for (int j = 0; j < c; j++)
        {
            invStd[j] = 1 / Math.Sqrt(variance[j] / rows + epsilon);
            scale[j] = invStd[j] * (gamma is null ? 1 : double.CreateTruncating(gs[j]));
            shift[j] = (beta is null ? 0 : double.CreateTruncating(bs[j])) - mean[j] * scale[j];
        }
        for (int r = 0; r < rows; r++)
        {
            var row = xs.Slice(r * c, c);
            var outRow = ys.Slice(r * c, c);
            for (int j = 0; j < c; j++) outRow[j] = T.CreateTruncating(double.CreateTruncating(row[j]) * scale[j] + shift[j]);
        }
    }

    private static (Tensor? Dx, Tensor DGamma, Tensor DBeta) BatchNormBackward<T>(Tensor g, Tensor x, Tensor? gamma, int rows, int c,
        double[] mean, double[] invStd, bool needX)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> gs = g.AsSpan<T>();
        ReadOnlySpan<T> xs = x.AsSpan<T>();
        var sumDy = new double[c];
        var sumDyXhat = new double[c];
        for (int r = 0; r < rows; r++)
        {
            var gr = gs.Slice(r * c, c);
            var xr = xs.Slice(r * c, c);
            for (int j = 0; j < c; j++)
            {
                double dy = double.CreateTruncating(gr[j]);
                sumDy[j] += dy;
                sumDyXhat[j] += dy * (double.CreateTruncating(xr[j]) - mean[j]) * invStd[j];
            }
        }
        var dtype = x.DType;
        var dGamma = Tensor.FromArray(sumDyXhat).AsType(dtype);
        var dBeta = Tensor.FromArray(sumDy).AsType(dtype);
        if (!needX) return (null, dGamma, dBeta);
        ReadOnlySpan<T> gam = gamma is null ? default : gamma.AsSpan<T>();
        var k = new double[c];
        for (int j = 0; j < c; j++) k[j] = (gamma is null ? 1 : double.CreateTruncating(gam[j])) * invStd[j] / rows;
        var dx = Tensor.Empty(x.ShapeCopy(), dtype);
        var ds = dx.AsSpan<T>();
        for (int r = 0; r < rows; r++)
        {
            var gr = gs.Slice(r * c, c);
            var xr = xs.Slice(r * c, c);
            var dr = ds.Slice(r * c, c);
            for (int j = 0; j < c; j++)
            {
                double xhat = (double.CreateTruncating(xr[j]) - mean[j]) * invStd[j];
                dr[j] = T.CreateTruncating(k[j] * (rows * double.CreateTruncating(gr[j]) - sumDy[j] - xhat * sumDyXhat[j]));
            }
        }
        return (dx, dGamma, dBeta);
    }
}
