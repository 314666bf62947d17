using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

// float32 rows of the fused softmax cross-entropy from logits on SIMD (max, exp, sums per row) instead of a
// scalar double Math.Exp per element: for the jazz LSTM's 1920 × 90 logits this was most of the step's loss time.
// Row sums are float; the per-row loss terms still accumulate in double.
public static partial class F
{
    private static double CategoricalLogitsValue(ReadOnlySpan<float> y, ReadOnlySpan<float> z, int rows, int cols)
    {
        // Shift every row by its max, then one exp over the whole block: per-row exp calls on short rows (90 logits)
        // spent much of their time in the padded tail of each call.
        float[] scratch = ArrayPool<float>.Shared.Rent(rows * cols);
        var shifted = scratch.AsSpan(0, rows * cols);
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            var zr = z.Slice(r * cols, cols);
            TensorPrimitives.Subtract(zr, TensorPrimitives.Max(zr), shifted.Slice(r * cols, cols));
            // −Σ y·(z − max) now, while the shifted row is at hand.
            sum -= TensorPrimitives.Dot(y.Slice(r * cols, cols), (ReadOnlySpan<float>)shifted.Slice(r * cols, cols));
        }
        FloatExp.Exp(shifted, shifted);
        for (int r = 0; r < rows; r++)
            sum += (double)TensorPrimitives.Sum(y.Slice(r * cols, cols)) * Math.Log(TensorPrimitives.Sum((ReadOnlySpan<float>)shifted.Slice(r * cols, cols)));
        ArrayPool<float>.Shared.Return(scratch);
        return rows == 0 ? double.NaN : sum / rows;
    }

    private static void CategoricalLogitsGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> d, int rows, int cols, double scale)
    {
        float k = (float)(scale / rows);
        // Rows shifted by their max, then one exp over the whole block (see CategoricalLogitsValue).
        for (int r = 0; r < rows; r++)
        {
            var zr = z.Slice(r * cols, cols);
            TensorPrimitives.Subtract(zr, TensorPrimitives.Max(zr), d.Slice(r * cols, cols));
        }
        FloatExp.Exp(d.Slice(0, rows * cols), d.Slice(0, rows * cols));
        for (int r = 0; r < rows; r++)
        {
            var yr = y.Slice(r * cols, cols);
            var dr = d.Slice(r * cols, cols);
            // d = k·(softmax·Σy − y) with softmax = e / Σe
            float factor = k * TensorPrimitives.Sum(yr) / TensorPrimitives.Sum((ReadOnlySpan<float>)dr);
            TensorPrimitives.Multiply(dr, factor, dr);
            TensorPrimitives.MultiplyAdd(yr, -k, dr, dr);
        }
    }
}
