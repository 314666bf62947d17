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
    private static unsafe double CategoricalLogitsValue(ReadOnlySpan<float> y, ReadOnlySpan<float> z, int rows, int cols)
    {
        if (rows == 0) return double.NaN;
        // Blocks of whole rows, a fixed number per block whatever the core count, so the sum is the same everywhere.
        int per = RowsPerBlock(cols), blocks = (rows + per - 1) / per;
        var partial = new double[blocks];
        fixed (float* py = y, pz = z)
        {
            nint ay = (nint)py, az = (nint)pz;   // the spans are pinned for the duration of the workers' run
            RunBlocks(blocks, rows * cols, b =>
            {
                int r0 = b * per, n = Math.Min(per, rows - r0);
                partial[b] = LogitsValueRows(new ReadOnlySpan<float>((float*)ay + r0 * cols, n * cols),
                    new ReadOnlySpan<float>((float*)az + r0 * cols, n * cols), n, cols);
            });
        }
        double sum = 0;
        foreach (var p in partial) sum += p;
        return sum / rows;
    }

    /// <summary>
    /// Softmax cross-entropy from float32 logits when it will be differentiated: the loss and dLoss/dz come out of the
    /// same pass over the rows (one exp per logit instead of two), and the backward only scales the saved gradient.
    /// </summary>
    private static unsafe Tensor CategoricalLogitsRecorded(Tensor y, Tensor z, Tensor input, int rows, int cols, string name)
    {
        var grad = Tensor.Empty(input.ShapeCopy(), DType.Float32);
        int per = RowsPerBlock(cols), blocks = (rows + per - 1) / per;
        var partial = new double[blocks];
        float k = 1f / rows;
        fixed (float* py = y.AsSpan<float>(), pz = z.AsSpan<float>(), pd = grad.AsSpan<float>())
        {
            nint ay = (nint)py, az = (nint)pz, ad = (nint)pd;   // pinned for the duration of the workers' run
            RunBlocks(blocks, rows * cols, b =>
            {
                int r0 = b * per, n = Math.Min(per, rows - r0), o = r0 * cols;
                var yb = new ReadOnlySpan<float>((float*)ay + o, n * cols);
                var zb = new ReadOnlySpan<float>((float*)az + o, n * cols);
                var db = new Span<float>((float*)ad + o, n * cols);
                double sum = 0;
                for (int r = 0; r < n; r++) sum += SoftmaxRows.CrossEntropyAndGradient(yb.Slice(r * cols, cols), zb.Slice(r * cols, cols), db.Slice(r * cols, cols), k);
                partial[b] = sum;
            });
        }
        double loss = 0;
        foreach (var part in partial) loss += part;
        var result = Tensor.Scalar(loss / rows, DType.Float32);
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

    /// <summary>Σ over the rows of −Σ y·log softmax(z).</summary>
    private static double LogitsValueRows(ReadOnlySpan<float> y, ReadOnlySpan<float> z, int rows, int cols)
    {
        if (SoftmaxRows.IsSupported)
        {
            double total = 0;
            for (int r = 0; r < rows; r++) total += SoftmaxRows.CrossEntropy(y.Slice(r * cols, cols), z.Slice(r * cols, cols));
            return total;
        }
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
        return sum;
    }

    private static unsafe void CategoricalLogitsGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> d, int rows, int cols, double scale)
    {
        float k = (float)(scale / rows);
        int per = RowsPerBlock(cols), blocks = (rows + per - 1) / per;
        fixed (float* py = y, pz = z, pd = d)
        {
            nint ay = (nint)py, az = (nint)pz, ad = (nint)pd;   // pinned for the duration of the workers' run
            RunBlocks(blocks, rows * cols, b =>
            {
                int r0 = b * per, n = Math.Min(per, rows - r0), o = r0 * cols;
                LogitsGradientRows(new ReadOnlySpan<float>((float*)ay + o, n * cols), new ReadOnlySpan<float>((float*)az + o, n * cols),
                    new Span<float>((float*)ad + o, n * cols), n, cols, k);
            });
        }
    }

    private static void LogitsGradientRows(ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> d, int rows, int cols, float k)
    {
        if (SoftmaxRows.IsSupported)
        {
            for (int r = 0; r < rows; r++) SoftmaxRows.Gradient(y.Slice(r * cols, cols), z.Slice(r * cols, cols), d.Slice(r * cols, cols), k);
            return;
        }
        // Rows shifted by their max, then one exp over the whole block (see LogitsValueRows).
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

    /// <summary>Rows per work item: about 16K logits, at least one row.</summary>
    private static int RowsPerBlock(int cols) => Math.Max(1, (1 << 14) / Math.Max(cols, 1));

    /// <summary>Runs the blocks on the kernel workers when there is enough work to pay for the hand-off.</summary>
    private static void RunBlocks(int blocks, int elements, Action<int> block)
    {
        if (elements >= Kernels.Elementwise.ParallelMinimum) KernelThreads.For(blocks, block);
        else for (int b = 0; b < blocks; b++) block(b);
    }
}
