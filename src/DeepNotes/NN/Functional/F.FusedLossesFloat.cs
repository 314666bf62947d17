using System.Buffers;
using System.Numerics.Tensors;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

// float32 rows of the fused softmax cross-entropy from logits on SIMD (max, exp, sums per row) instead of a
// scalar double Math.Exp per element: for the jazz LSTM's 1920 × 90 logits this was most of the step's loss time.
// Row sums are float; the per-row loss terms still accumulate in double.
public static partial class F
{
    private static unsafe double CategoricalLogitsValue(ReadOnlySpan<float> y, ReadOnlySpan<float> z, int rows, int cols)
    {
        if (rows == 0) return double.NaN;
        fixed (float* py = y, pz = z) return SoftmaxBlocks(py, pz, null, rows, cols, 0) / rows;
    }

    /// <summary>
    /// Softmax cross-entropy from float32 logits when it will be differentiated: the loss and dLoss/dz come out of the
    /// same pass over the rows (one exp per logit instead of two), and the backward only scales the saved gradient.
    /// </summary>
    private static unsafe Tensor CategoricalLogitsRecorded(Tensor y, Tensor z, Tensor input, int rows, int cols, string name)
    {
        var grad = Tensor.Empty(input.ShapeCopy(), DType.Float32);
        double loss;
        fixed (float* py = y.AsSpan<float>(), pz = z.AsSpan<float>(), pd = grad.AsSpan<float>())
            loss = SoftmaxBlocks(py, pz, pd, rows, cols, 1f / rows) / rows;
        var result = Tensor.Scalar(loss, DType.Float32);
        bool handedOut = false;
        return Autodiff.Record(result, name, [input], g =>
        {
            double scale = g.Item();
            if (!handedOut && scale == 1)
            {
                handedOut = true;
                return [grad];
            }
            var d = Tensor.Empty(grad.ShapeCopy(), DType.Float32);
            if (handedOut)
            {
                // A second backward through the same graph: the saved gradient may have been changed in place since.
                CategoricalLogitsGradient(y.AsSpan<float>(), z.AsSpan<float>(), d.AsSpan<float>(), rows, cols, scale);
                return [d];
            }
            handedOut = true;
            TensorPrimitives.Multiply(grad.AsSpan<float>(), (float)scale, d.AsSpan<float>());
            return [d];
        });
    }

    private static unsafe void CategoricalLogitsGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> d, int rows, int cols, double scale)
    {
        fixed (float* py = y, pz = z, pd = d) SoftmaxBlocks(py, pz, pd, rows, cols, (float)(scale / rows));
    }

    /// <summary>
    /// Σ over the rows of −Σ y·log softmax(z), and d = k·(softmax(z)·Σy − y) unless d is null, in blocks of whole
    /// rows on the kernel workers. The block size is fixed whatever the core count, so the sum is the same everywhere.
    /// The pointers must stay pinned for the call.
    /// </summary>
    private static unsafe double SoftmaxBlocks(float* y, float* z, float* d, int rows, int cols, float k)
    {
        int per = Math.Max(1, (1 << 14) / Math.Max(cols, 1)), blocks = (rows + per - 1) / per;   // about 16K logits each
        var partial = new double[blocks];
        nint ay = (nint)y, az = (nint)z, ad = (nint)d;
        void Block(int b)
        {
            int r0 = b * per, n = Math.Min(per, rows - r0);
            float* yb = (float*)ay + r0 * cols, zb = (float*)az + r0 * cols, db = ad == 0 ? null : (float*)ad + r0 * cols;
            double sum = 0;
            if (SoftmaxRows.IsSupported)
                for (int r = 0; r < n; r++) sum += SoftmaxRows.Row(yb + r * cols, zb + r * cols, db == null ? null : db + r * cols, cols, k);
            else
                sum = SpanRows(new ReadOnlySpan<float>(yb, n * cols), new ReadOnlySpan<float>(zb, n * cols),
                    db == null ? default : new Span<float>(db, n * cols), n, cols, k);
            partial[b] = sum;
        }
        if ((long)rows * cols >= Kernels.Elementwise.ParallelMinimum) KernelThreads.For(blocks, Block);
        else for (int b = 0; b < blocks; b++) Block(b);
        double total = 0;
        foreach (var p in partial) total += p;
        return total;
    }

    /// <summary>
    /// <see cref="SoftmaxBlocks"/> for one block without AVX-512: rows shifted by their max, then one exp over the
    /// whole block (per-row exp calls on short rows spent much of their time in the padded tail of each call).
    /// </summary>
    private static double SpanRows(ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> d, int rows, int cols, float k)
    {
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
        {
            var yr = y.Slice(r * cols, cols);
            var er = shifted.Slice(r * cols, cols);
            float ySum = TensorPrimitives.Sum(yr), eSum = TensorPrimitives.Sum((ReadOnlySpan<float>)er);
            sum += (double)ySum * Math.Log(eSum);
            if (d.IsEmpty) continue;
            // d = k·(softmax·Σy − y) with softmax = e / Σe
            var dr = d.Slice(r * cols, cols);
            TensorPrimitives.Multiply(er, k * ySum / eSum, dr);
            TensorPrimitives.MultiplyAdd(yr, -k, dr, dr);
        }
        ArrayPool<float>.Shared.Return(scratch);
        return sum;
    }
}
