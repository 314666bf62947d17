namespace DeepNotes;

// numpy.argsort and numpy.sort along an axis.
public sealed partial class Tensor
{
    /// <summary>
    /// numpy.argsort (kind='stable'): the positions that sort each lane along axis (flattened when axis is null),
    /// as a float64 tensor like ArgMax's. Ties keep their order; NaNs sort last. Not differentiable.
    /// </summary>
    public Tensor Argsort(int? axis = -1)
    {
        RequireCpu("argsort");
        if (axis is null) return Reshape(-1).Argsort(0);
        if (Rank == 0) return Zeros([], DType.Float64);
        int a = DeepNotes.Shape.NormalizeAxis(axis.Value, Rank, "argsort");
        var perm = Enumerable.Range(0, Rank).Where(i => i != a).Append(a).ToArray();
        var moved = PermuteNoGrad(perm);
        var values = moved.ToArray();
        int n = shape[a];
        var result = new double[values.Length];
        var order = new int[n];
        for (int start = 0; start < values.Length; start += n)
        {
            for (int i = 0; i < n; i++) order[i] = i;
            int s = start;
            Array.Sort(order, (i, j) =>
            {
                double x = values[s + i], y = values[s + j];
                int c = double.IsNaN(x) ? (double.IsNaN(y) ? 0 : 1) : double.IsNaN(y) ? -1 : x.CompareTo(y);
                return c != 0 ? c : i.CompareTo(j);
            });
            for (int i = 0; i < n; i++) result[start + i] = order[i];
        }
        var inverse = new int[Rank];
        for (int i = 0; i < Rank; i++) inverse[perm[i]] = i;
        return FromArray(result, moved.ShapeCopy()).PermuteNoGrad(inverse).CopyNoGrad();
    }

    /// <summary>numpy.sort along an axis (flattened when null); differentiable (the gradient follows each element).</summary>
    public Tensor Sort(int? axis = -1)
    {
        if (axis is null) return Reshape(-1).Sort(0);
        return TakeAlongAxis(Argsort(axis), axis.Value);
    }
}
