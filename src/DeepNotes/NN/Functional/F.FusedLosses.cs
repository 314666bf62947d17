using System.Numerics;
using System.Runtime.InteropServices;

namespace DeepNotes.NN;

// Fused cross-entropy and MSE: one recorded op each (loss in one pass, gradient in one pass), used when the
// labels need no gradient. Small batches spend most of their time in per-op overhead, so this matters.
public static partial class F
{
    private enum LossKind
    {
        BinaryProbs,
        BinaryLogits,
        CategoricalProbs,
        CategoricalLogits,
        Squared,
    }

    // y and p have the same shape and dtype; rows are the last axis for the categorical kinds.
    private static Tensor FusedLoss(Tensor y, Tensor p, LossKind kind, string name)
    {
        var yc = y.Contiguous();
        var pc = p.Contiguous();
        int cols = kind is LossKind.CategoricalProbs or LossKind.CategoricalLogits ? p.Dims[^1] : 1;
        int rows = cols == 0 ? 0 : p.Size / cols;
        if (kind == LossKind.CategoricalLogits && p.DType == DType.Float32 && rows > 0 && Kernels.SoftmaxRows.IsSupported && Autodiff.IsRecording(p))
            return CategoricalLogitsRecorded(yc, pc, p, rows, cols, name);
        double loss = p.DType == DType.Float32
            ? LossValue<float>(yc.AsSpan<float>(), pc.AsSpan<float>(), kind, rows, cols)
            : LossValue<double>(yc.AsSpan<double>(), pc.AsSpan<double>(), kind, rows, cols);
        var result = Tensor.Scalar(loss, p.DType);
        return Autodiff.Record(result, name, [p], g =>
        {
            var grad = Tensor.Empty(p.ShapeCopy(), p.DType);
            double scale = g.Item();
            if (p.DType == DType.Float32) LossGradient<float>(yc.AsSpan<float>(), pc.AsSpan<float>(), grad.AsSpan<float>(), kind, rows, cols, scale);
            else LossGradient<double>(yc.AsSpan<double>(), pc.AsSpan<double>(), grad.AsSpan<double>(), kind, rows, cols, scale);
            return [grad];
        });
    }

    private static double LossValue<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> p, LossKind kind, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const double lo = Epsilon, hi = 1 - Epsilon;
        double sum = 0;
        switch (kind)
        {
            case LossKind.BinaryProbs:
                for (int i = 0; i < p.Length; i++)
                {
                    double pi = Math.Clamp(double.CreateTruncating(p[i]), lo, hi), yi = double.CreateTruncating(y[i]);
                    sum -= yi * Math.Log(pi) + (1 - yi) * Math.Log(1 - pi);
                }
                return p.Length == 0 ? double.NaN : sum / p.Length;
            case LossKind.BinaryLogits:
                for (int i = 0; i < p.Length; i++)
                {
                    double z = double.CreateTruncating(p[i]), yi = double.CreateTruncating(y[i]);
                    sum += Math.Max(z, 0) - z * yi + Math.Log(1 + Math.Exp(-Math.Abs(z)));
                }
                return p.Length == 0 ? double.NaN : sum / p.Length;
            case LossKind.Squared:
                for (int i = 0; i < p.Length; i++)
                {
                    double d = double.CreateTruncating(p[i]) - double.CreateTruncating(y[i]);
                    sum += d * d;
                }
                return p.Length == 0 ? double.NaN : sum / p.Length;
            case LossKind.CategoricalProbs:
                for (int r = 0; r < rows; r++)
                {
                    var pr = p.Slice(r * cols, cols);
                    var yr = y.Slice(r * cols, cols);
                    double s = 0;
                    for (int j = 0; j < cols; j++) s += double.CreateTruncating(pr[j]);
                    for (int j = 0; j < cols; j++)
                    {
                        double yj = double.CreateTruncating(yr[j]);
                        if (yj != 0) sum -= yj * Math.Log(Math.Clamp(double.CreateTruncating(pr[j]) / s, lo, hi));
                    }
                }
                return rows == 0 ? double.NaN : sum / rows;
            default: // CategoricalLogits
                if (typeof(T) == typeof(float) && cols > 0)
                    return CategoricalLogitsValue(MemoryMarshal.Cast<T, float>(y), MemoryMarshal.Cast<T, float>(p), rows, cols);
                for (int r = 0; r < rows; r++)
                {
                    var zr = p.Slice(r * cols, cols);
                    var yr = y.Slice(r * cols, cols);
                    double max = double.NegativeInfinity;
                    for (int j = 0; j < cols; j++) max = Math.Max(max, double.CreateTruncating(zr[j]));
                    double e = 0, ysum = 0, yz = 0;
                    for (int j = 0; j < cols; j++)
                    {
                        double zj = double.CreateTruncating(zr[j]), yj = double.CreateTruncating(yr[j]);
                        e += Math.Exp(zj - max);
                        ysum += yj;
                        yz += yj * (zj - max);
                    }
                    sum += ysum * Math.Log(e) - yz;
                }
                return rows == 0 ? double.NaN : sum / rows;
        }
    }

    private static void LossGradient<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> p, Span<T> d, LossKind kind, int rows, int cols, double scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const double lo = Epsilon, hi = 1 - Epsilon;
        switch (kind)
        {
            case LossKind.BinaryProbs:
            {
                double k = scale / p.Length;
                for (int i = 0; i < p.Length; i++)
                {
                    double pi = double.CreateTruncating(p[i]), yi = double.CreateTruncating(y[i]);
                    // Clipped values get no gradient (like Keras's clip).
                    d[i] = pi >= lo && pi <= hi ? T.CreateTruncating(k * (-yi / pi + (1 - yi) / (1 - pi))) : T.Zero;
                }
                break;
            }
            case LossKind.BinaryLogits:
            {
                double k = scale / p.Length;
                for (int i = 0; i < p.Length; i++)
                {
                    double z = double.CreateTruncating(p[i]);
                    double s = z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
                    d[i] = T.CreateTruncating(k * (s - double.CreateTruncating(y[i])));
                }
                break;
            }
            case LossKind.Squared:
            {
                double k = 2 * scale / p.Length;
                for (int i = 0; i < p.Length; i++) d[i] = T.CreateTruncating(k * (double.CreateTruncating(p[i]) - double.CreateTruncating(y[i])));
                break;
            }
            case LossKind.CategoricalProbs:
            {
                double k = scale / rows;
                for (int r = 0; r < rows; r++)
                {
                    var pr = p.Slice(r * cols, cols);
                    var yr = y.Slice(r * cols, cols);
                    var dr = d.Slice(r * cols, cols);
                    double s = 0;
                    for (int j = 0; j < cols; j++) s += double.CreateTruncating(pr[j]);
                    // a_j = dL/dq_j = −y_j/q_j inside the clip range; dL/dp_j = (a_j − Σ a_i q_i)/S.
                    double dot = 0;
                    for (int j = 0; j < cols; j++)
                    {
                        double q = double.CreateTruncating(pr[j]) / s, yj = double.CreateTruncating(yr[j]);
                        double a = q >= lo && q <= hi ? -yj / q : 0;
                        dr[j] = T.CreateTruncating(a);
                        dot += a * q;
                    }
                    for (int j = 0; j < cols; j++) dr[j] = T.CreateTruncating(k * (double.CreateTruncating(dr[j]) - dot) / s);
                }
                break;
            }
            default:
            {
                if (typeof(T) == typeof(float) && cols > 0)
                {
                    CategoricalLogitsGradient(MemoryMarshal.Cast<T, float>(y), MemoryMarshal.Cast<T, float>(p), MemoryMarshal.Cast<T, float>(d), rows, cols, scale);
                    break;
                }
                double k = scale / rows;
                for (int r = 0; r < rows; r++)
                {
                    var zr = p.Slice(r * cols, cols);
                    var yr = y.Slice(r * cols, cols);
                    var dr = d.Slice(r * cols, cols);
                    double max = double.NegativeInfinity, e = 0, ysum = 0;
                    for (int j = 0; j < cols; j++) max = Math.Max(max, double.CreateTruncating(zr[j]));
                    for (int j = 0; j < cols; j++)
                    {
                        e += Math.Exp(double.CreateTruncating(zr[j]) - max);
                        ysum += double.CreateTruncating(yr[j]);
                    }
                    for (int j = 0; j < cols; j++)
                    {
                        double softmax = Math.Exp(double.CreateTruncating(zr[j]) - max) / e;
                        dr[j] = T.CreateTruncating(k * (softmax * ysum - double.CreateTruncating(yr[j])));
                    }
                }
                break;
            }
        }
    }
}
