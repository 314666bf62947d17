using System.Numerics;

namespace DeepNotes.NN;

public static partial class F
{
    /// <summary>Joins tensors along an axis (numpy.concatenate); all other dims must match.</summary>
    public static Tensor Concatenate(IReadOnlyList<Tensor> inputs, int axis = -1)
    {
        if (inputs.Count == 0) throw new ArgumentException("concatenate: need at least one tensor");
        var first = inputs[0];
        int rank = first.Rank;
        if (rank == 0) throw new ArgumentException("concatenate: zero-dimensional tensors cannot be concatenated");
        int ax = Shape.NormalizeAxis(axis, rank, "concatenate");
        var dtype = first.DType;
        int total = 0;
        foreach (var t in inputs)
        {
            bool ok = t.Rank == rank;
            for (int i = 0; ok && i < rank; i++) ok = i == ax || t.Dims[i] == first.Dims[i];
            if (!ok)
                throw new ArgumentException($"concatenate: all dims except axis {ax} must match, got shapes {string.Join(", ", inputs.Select(x => x.Shape.ToString()))}");
            total += t.Dims[ax];
            dtype = DTypeExtensions.Promote(dtype, t.DType);
        }
        var shape = first.ShapeCopy();
        shape[ax] = total;
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= shape[i];
        for (int i = ax + 1; i < rank; i++) inner *= shape[i];
        var result = Tensor.Empty(shape, dtype);
        var sources = inputs.Select(t => t.AsType(dtype).Contiguous()).ToArray();
        int offset = 0;
        var offsets = new int[inputs.Count];
        for (int k = 0; k < sources.Length; k++)
        {
            offsets[k] = offset;
            if (dtype == DType.Float32) CopyBlocks<float>(sources[k].AsSpan<float>(), result.AsSpan<float>(), outer, sources[k].Dims[ax] * inner, total * inner, offset * inner, toResult: true);
            else CopyBlocks<double>(sources[k].AsSpan<double>(), result.AsSpan<double>(), outer, sources[k].Dims[ax] * inner, total * inner, offset * inner, toResult: true);
            offset += sources[k].Dims[ax];
        }
        var array = inputs.ToArray();
        return Autodiff.Record(result, "concatenate", array, g =>
        {
            var gc = g.Contiguous();
            var grads = new Tensor?[array.Length];
            for (int k = 0; k < array.Length; k++)
            {
                if (!array[k].RequiresGrad) continue;
                var part = Tensor.Empty(array[k].ShapeCopy(), g.DType);
                int block = array[k].Dims[ax] * inner;
                if (g.DType == DType.Float32) CopyBlocks<float>(part.AsSpan<float>(), gc.AsSpan<float>(), outer, block, total * inner, offsets[k] * inner, toResult: false);
                else CopyBlocks<double>(part.AsSpan<double>(), gc.AsSpan<double>(), outer, block, total * inner, offsets[k] * inner, toResult: false);
                grads[k] = part;
            }
            return grads;
        });
    }

    // Moves `outer` blocks of `block` elements between a part and the concatenated buffer (row length `row`).
    private static void CopyBlocks<T>(Span<T> part, Span<T> whole, int outer, int block, int row, int start, bool toResult) where T : unmanaged
    {
        for (int o = 0; o < outer; o++)
        {
            var p = part.Slice(o * block, block);
            var w = whole.Slice(o * row + start, block);
            if (toResult) p.CopyTo(w);
            else w.CopyTo(p);
        }
    }

    /// <summary>
    /// Keras's batch_dot: for each sample, contracts axis <paramref name="axisX"/> of x with axis <paramref name="axisY"/>
    /// of y (both counted with the batch axis, ≥ 1). The result has x's remaining dims then y's; a result with no
    /// dims left becomes (N, 1). Example: (N, T, 1) · (N, T, F) with axes (1, 1) → (N, 1, F).
    /// </summary>
    public static Tensor BatchDot(Tensor x, Tensor y, int axisX, int axisY)
    {
        if (x.Rank < 2 || y.Rank < 2) throw new ArgumentException($"batch_dot: inputs need a batch axis and at least one more, got {x.Shape} and {y.Shape}");
        if (x.Dims[0] != y.Dims[0]) throw new ArgumentException($"batch_dot: batch sizes differ, got {x.Shape} and {y.Shape}");
        int ax = Shape.NormalizeAxis(axisX, x.Rank, "batch_dot");
        int ay = Shape.NormalizeAxis(axisY, y.Rank, "batch_dot");
        if (ax == 0 || ay == 0) throw new ArgumentException("batch_dot: cannot contract the batch axis");
        if (x.Dims[ax] != y.Dims[ay])
            throw new ArgumentException($"batch_dot: axis {ax} of {x.Shape} and axis {ay} of {y.Shape} differ ({x.Dims[ax]} vs {y.Dims[ay]})");
        int n = x.Dims[0], k = x.Dims[ax];
        var restX = Enumerable.Range(1, x.Rank - 1).Where(i => i != ax).ToArray();
        var restY = Enumerable.Range(1, y.Rank - 1).Where(i => i != ay).ToArray();
        var xm = x.Permute([0, .. restX, ax]).Reshape(n, -1, k);
        var ym = y.Permute([0, ay, .. restY]).Reshape(n, k, -1);
        var r = xm.MatMul(ym);
        int[] outShape = [n, .. restX.Select(i => x.Dims[i]), .. restY.Select(i => y.Dims[i])];
        if (outShape.Length == 1) outShape = [n, 1];
        return r.Reshape(outShape);
    }
}
