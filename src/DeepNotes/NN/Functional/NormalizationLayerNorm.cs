using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.NN;

// Layer normalization over the last axis as one fused op with a hand-written backward.
public static partial class F
{
    /// <summary>
    /// (x − mean) / √(var + ε) · gamma + beta over the last axis of x (..., D) (Keras LayerNormalization(axis=-1));
    /// gamma and beta are (D) or null (scale 1, offset 0). The variance is the biased one, like Keras.
    /// </summary>
    public static Tensor LayerNorm(Tensor x, Tensor? gamma = null, Tensor? beta = null, double epsilon = 1e-3)
    {
        const string op = "layer_norm";
        if (x.Rank == 0) throw new ArgumentException($"{op}: input must have at least one axis");
        x.RequireCpu(op);
        int d = x.Dims[^1];
        if (gamma is not null && (gamma.Rank != 1 || gamma.Dims[0] != d))
            throw new ArgumentException($"{op}: gamma must be ({d},) for input {x.Shape}, got {gamma.Shape}");
        if (beta is not null && (beta.Rank != 1 || beta.Dims[0] != d))
            throw new ArgumentException($"{op}: beta must be ({d},) for input {x.Shape}, got {beta.Shape}");
        if (!(epsilon >= 0)) throw new ArgumentException($"{op}: epsilon must be non-negative, got {epsilon}");
        var dt = x.DType;
        if (gamma is not null) dt = DTypeExtensions.Promote(dt, gamma.DType);
        if (beta is not null) dt = DTypeExtensions.Promote(dt, beta.DType);
        var xc = x.AsType(dt).Contiguous();
        var g = (gamma ?? Tensor.Ones([d], dt)).AsType(dt).Contiguous();
        var b = (beta ?? Tensor.Zeros([d], dt)).AsType(dt).Contiguous();
        int rows = d == 0 ? 0 : xc.Size / d;
        var y = Tensor.Empty(xc.ShapeCopy(), dt);
        var xhat = Tensor.Empty(xc.ShapeCopy(), dt);
        var rstd = new double[rows];
        if (dt == DType.Float32) LayerNormForward<float>(xc.AsSpan<float>(), g.AsSpan<float>(), b.AsSpan<float>(), y.AsSpan<float>(), xhat.AsSpan<float>(), rstd, d, epsilon);
        else LayerNormForward<double>(xc.AsSpan<double>(), g.AsSpan<double>(), b.AsSpan<double>(), y.AsSpan<double>(), xhat.AsSpan<double>(), rstd, d, epsilon);
        return Autodiff.Record(y, op, [xc, g, b], grad =>
        {
            var gy = grad.AsType(dt).Contiguous();
            var dx = Tensor.Empty(xc.ShapeCopy(), dt);
            var dg = Tensor.Zeros([d], dt);
            var db = Tensor.Zeros([d], dt);
            if (dt == DType.Float32) LayerNormBackward<float>(gy.AsSpan<float>(), xhat.AsSpan<float>(), g.AsSpan<float>(), rstd, dx.AsSpan<float>(), dg.AsSpan<float>(), db.AsSpan<float>(), d);
            else LayerNormBackward<double>(gy.AsSpan<double>(), xhat.AsSpan<double>(), g.AsSpan<double>(), rstd, dx.AsSpan<double>(), dg.AsSpan<double>(), db.AsSpan<double>(), d);
            return [dx, dg, db];
        });
    }

    private static void LayerNormForward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> y, Span<T> xhat,
        double[] rstd, int d, double epsilon) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rstd.Length; r++)
        {
            var row = x.Slice(r * d, d);
            // Mean and variance in double for accuracy even on float32 data.
            double mean = 0, var = 0;
            for (int j = 0; j < d; j++) mean += double.CreateTruncating(row[j]);
            mean /= d;
            for (int j = 0; j < d; j++)
            {
                double c = double.CreateTruncating(row[j]) - mean;
                var += c * c;
            }
            var /= d;
            double s = 1 / Math.Sqrt(var + epsilon);
            rstd[r] = s;
            var xh = xhat.Slice(r * d, d);
            TensorPrimitives.Subtract<T>(row, T.CreateTruncating(mean), xh);
            TensorPrimitives.Multiply<T>(xh, T.CreateTruncating(s), xh);
            TensorPrimitives.MultiplyAdd<T>(xh, gamma, beta, y.Slice(r * d, d));
        }
    }

    private static void LayerNormBackward<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> xhat, ReadOnlySpan<T> gamma, double[] rstd,
        Span<T> dx, Span<T> dGamma, Span<T> dBeta, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rstd.Length; r++)
        {
            var gy = dy.Slice(r * d, d);
            var xh = xhat.Slice(r * d, d);
            var dxr = dx.Slice(r * d, d);
            // dx = rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂)), with dx̂ = dy · gamma.
            TensorPrimitives.Multiply<T>(gy, gamma, dxr);
            T m1 = TensorPrimitives.Sum<T>(dxr) / T.CreateTruncating(d);
            T m2 = TensorPrimitives.Dot<T>(dxr, xh) / T.CreateTruncating(d);
            T s = T.CreateTruncating(rstd[r]);
            for (int j = 0; j < d; j++) dxr[j] = s * (dxr[j] - m1 - xh[j] * m2);
            for (int j = 0; j < d; j++) dGamma[j] += gy[j] * xh[j];
            TensorPrimitives.Add<T>(dBeta, gy, dBeta);
        }
    }
}
