namespace DeepNotes;

// Shape ops that are views: squeeze, unsqueeze/expand_dims, ravel, flip, view/unflatten. Flatten copies, like numpy.
public sealed partial class Tensor
{
    /// <summary>numpy.squeeze: removes the given length-1 axes (all of them when none are given); a view.</summary>
    public Tensor Squeeze(params int[] axes)
    {
        var drop = new bool[Rank];
        if (axes.Length == 0)
        {
            for (int i = 0; i < Rank; i++) drop[i] = shape[i] == 1;
        }
        else
        {
            foreach (var axis in axes)
            {
                int a = DeepNotes.Shape.NormalizeAxis(axis, Rank, "squeeze");
                if (shape[a] != 1)
                    throw new ArgumentException($"squeeze: cannot select an axis to squeeze out which has size not equal to one (axis {axis} has size {shape[a]} in shape {Shape})");
                drop[a] = true;
            }
        }
        var newShape = new List<int>();
        var newStrides = new List<int>();
        for (int i = 0; i < Rank; i++)
            if (!drop[i]) { newShape.Add(shape[i]); newStrides.Add(strides[i]); }
        return ReshapeView(newShape.ToArray(), newStrides.ToArray(), "squeeze");
    }

    /// <summary>numpy.expand_dims: inserts length-1 axes at the given positions of the result; a view.</summary>
    public Tensor ExpandDims(params int[] axes)
    {
        if (axes.Length == 0) throw new ArgumentException("expand_dims: no axis given");
        int rank = Rank + axes.Length;
        var inserted = new bool[rank];
        foreach (var axis in axes)
        {
            int a = DeepNotes.Shape.NormalizeAxis(axis, rank, "expand_dims");
            if (inserted[a]) throw new ArgumentException($"expand_dims: repeated axis {axis}");
            inserted[a] = true;
        }
        var newShape = new int[rank];
        var newStrides = new int[rank];
        for (int i = 0, k = 0; i < rank; i++)
        {
            if (inserted[i]) { newShape[i] = 1; newStrides[i] = 0; }
            else { newShape[i] = shape[k]; newStrides[i] = strides[k]; k++; }
        }
        return ReshapeView(newShape, newStrides, "expand_dims");
    }

    /// <summary>torch.unsqueeze: inserts one length-1 axis at position axis (-1 appends); a view.</summary>
    public Tensor Unsqueeze(int axis) => ExpandDims(axis);

    /// <summary>numpy.ndarray.flatten: a contiguous 1-D copy.</summary>
    public Tensor Flatten()
    {
        var r = CopyNoGrad().ReshapeNoGrad([Size]);
        var original = ShapeCopy();
        return Autodiff.Record(r, "flatten", [this], g => [g.Reshape(original)]);
    }

    /// <summary>numpy.ravel: the elements as 1-D, a view when the data is contiguous.</summary>
    public Tensor Ravel() => Reshape(-1);

    /// <summary>torch.view: like Reshape but never copies; throws for strided data.</summary>
    public Tensor View(params int[] newShape)
    {
        if (!IsContiguous)
            throw new InvalidOperationException($"view: tensor of shape {Shape} with strides {DeepNotes.Shape.Format(strides)} is not contiguous; use Reshape() (which copies) or Contiguous()");
        return Reshape(newShape);
    }

    /// <summary>torch.unflatten: splits one axis into sizes (one may be -1).</summary>
    public Tensor Unflatten(int axis, params int[] sizes)
    {
        int a = DeepNotes.Shape.NormalizeAxis(axis, Rank, "unflatten");
        int known = 1, unknown = -1;
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] == -1 && unknown < 0) unknown = i;
            else known *= sizes[i];
        }
        var resolved = (int[])sizes.Clone();
        if (unknown >= 0 && known != 0 && shape[a] % known == 0) resolved[unknown] = shape[a] / known;
        if (DeepNotes.Shape.SizeOf(resolved) != shape[a] || resolved.Any(s => s < 0))
            throw new ArgumentException($"unflatten: sizes {DeepNotes.Shape.Format(sizes)} don't multiply to the size {shape[a]} of axis {axis} in shape {Shape}");
        return Reshape([.. shape[..a], .. resolved, .. shape[(a + 1)..]]);
    }

    /// <summary>numpy.flip: reverses the order of elements along the given axes (all when none given); a view.</summary>
    public Tensor Flip(params int[] axes)
    {
        var flip = axes.Length == 0 ? Enumerable.Repeat(true, Rank).ToArray() : Kernels.Reduction.AxesMask(Rank, axes, "flip");
        var newStrides = (int[])strides.Clone();
        int offset = Offset;
        for (int i = 0; i < Rank; i++)
        {
            if (!flip[i]) continue;
            if (shape[i] > 0) offset += (shape[i] - 1) * strides[i];
            newStrides[i] = -strides[i];
        }
        var r = new Tensor(Storage, ShapeCopy(), newStrides, EmptySafeOffset(offset, shape));
        var flipAxes = Enumerable.Range(0, Rank).Where(i => flip[i]).ToArray();
        return Autodiff.Record(r, "flip", [this], g => [flipAxes.Length == 0 ? g : g.Flip(flipAxes)]);
    }

    /// <summary>A view with the same elements and a new shape/strides, recorded as a reshape for autodiff.</summary>
    private Tensor ReshapeView(int[] newShape, int[] newStrides, string op)
    {
        var r = new Tensor(Storage, newShape, newStrides, Offset);
        var original = ShapeCopy();
        return Autodiff.Record(r, op, [this], g => [g.Reshape(original)]);
    }

    /// <summary>An empty view may point anywhere; offset 0 keeps spans over it valid.</summary>
    internal static int EmptySafeOffset(int offset, int[] shape) => DeepNotes.Shape.SizeOf(shape) == 0 ? 0 : offset;

    /// <summary>A view of count positions from start along axis (no autodiff; for ops' own bookkeeping).</summary>
    internal Tensor NarrowNoGrad(int axis, int start, int count)
    {
        var newShape = ShapeCopy();
        newShape[axis] = count;
        return new Tensor(Storage, newShape, (int[])strides.Clone(), EmptySafeOffset(Offset + start * strides[axis], newShape));
    }
}
