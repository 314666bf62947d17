namespace DeepNotes;

// Index helpers that read like numpy: x[S(0, 10, 2)], x[NewAxis, ..], X[.., idx], A[A < 0.5] = 0 (comparison results
// are masks), and Mask(m) to use any other 0/1 tensor as a mask.
public static partial class Np
{
    /// <summary>A slice start:stop:step (numpy's <c>x[start:stop:step]</c>); null bounds run to the edge.</summary>
    public static Slice S(int? start = null, int? stop = null, int? step = null) => new(start, stop, step);

    /// <summary>numpy.newaxis: inserts an axis of length 1.</summary>
    public static TensorIndex NewAxis => TensorIndex.NewAxis;

    /// <summary>numpy's <c>...</c> in an index.</summary>
    public static TensorIndex Ellipsis => TensorIndex.Ellipsis;

    /// <summary>Uses a 0/1 tensor as a boolean mask in an index: <c>x[Mask(keep)]</c>. (Comparison results such as <c>A &lt; 0.5</c> are masks already.)</summary>
    public static TensorIndex Mask(Tensor mask) => TensorIndex.Mask(mask);

    /// <summary>numpy.take: elements at integer positions along an axis (flattened when axis is null).</summary>
    public static Tensor Take(Tensor x, TensorIndex indices, int? axis = null) => x.Take(indices, axis);

    /// <summary>numpy.take_along_axis.</summary>
    public static Tensor TakeAlongAxis(Tensor x, Tensor indices, int axis) => x.TakeAlongAxis(indices, axis);

    /// <summary>numpy.nonzero: the positions of nonzero elements, one tensor per axis.</summary>
    public static Tensor[] Nonzero(Tensor x) => x.Nonzero();

    /// <summary>numpy.extract: the elements of x where condition is nonzero (1-D), i.e. <c>x[condition]</c>.</summary>
    public static Tensor Extract(Tensor condition, Tensor x) => x.Mask(condition);

    /// <summary>A copy of x with value where mask is nonzero (the out-of-place <c>x[mask] = value</c>).</summary>
    public static Tensor MaskedFill(Tensor x, Tensor mask, double value) => x.MaskedFill(mask, value);
}
