namespace DeepNotes.NN;

public static partial class F
{
    /// <summary>Joins tensors along an axis (default the last, like Keras's Concatenate); all other dims must match.</summary>
    public static Tensor Concatenate(IReadOnlyList<Tensor> inputs, int axis = -1) => Tensor.Concatenate(inputs, axis);

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
