using DeepNotes.Indexing;

namespace DeepNotes;

// Joining and splitting: concatenate, stack, split, array_split (numpy semantics).
public sealed partial class Tensor
{
    /// <summary>
    /// numpy.concatenate: joins tensors along an existing axis. All other dimensions must match; dtypes promote.
    /// Each input copies in with row-block copies; the gradient of each input is its slice of the output gradient.
    /// </summary>
    public static Tensor Concatenate(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("concatenate: need at least one array to concatenate");
        var first = tensors[0];
        if (first.Rank == 0) throw new ArgumentException("concatenate: zero-dimensional arrays cannot be concatenated");
        int a = DeepNotes.Shape.NormalizeAxis(axis, first.Rank, "concatenate");
        var dtype = first.DType;
        int total = 0;
        for (int i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            Device.Common("concatenate", first, t);
            if (t.Rank != first.Rank)
                throw new ArgumentException(
                    $"concatenate: all the input arrays must have the same number of dimensions, but the array at index 0 has shape {first.Shape} and the array at index {i} has shape {t.Shape}");
            for (int d = 0; d < first.Rank; d++)
                if (d != a && t.shape[d] != first.shape[d])
                    throw new ArgumentException(
                        $"concatenate: along axis {a}, all the input array dimensions except for the concatenation axis must match exactly, " +
                        $"but along dimension {d}, the array at index 0 has shape {first.Shape} and the array at index {i} has shape {t.Shape}");
            total += t.shape[a];
            dtype = DTypeExtensions.Promote(dtype, t.DType);
        }
        var outShape = first.ShapeCopy();
        outShape[a] = total;
        bool onGpu = !first.Device.IsCpu;
        var result = onGpu ? Backends.Gpu!.Full(outShape, 0, dtype) : new Tensor(outShape, dtype);
        var starts = new int[tensors.Count];
        int offset = 0;
        for (int i = 0; i < tensors.Count; i++)
        {
            starts[i] = offset;
            int n = tensors[i].shape[a];
            if (onGpu) Backends.Gpu!.CopyInto(result.NarrowNoGrad(a, offset, n), tensors[i]);
            else IndexKernels.Copy(tensors[i], result.NarrowNoGrad(a, offset, n));
            offset += n;
        }
        var inputs = tensors.ToArray();
        return Autodiff.Record(result, "concatenate", inputs, g =>
        {
            var grads = new Tensor?[inputs.Length];
            for (int i = 0; i < inputs.Length; i++) grads[i] = g.NarrowNoGrad(a, starts[i], inputs[i].shape[a]);
            return grads;
        });
    }

    /// <summary>numpy.stack: joins same-shaped tensors along a new axis (axis counts in the result's rank).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("stack: need at least one array to stack");
        var first = tensors[0];
        for (int i = 1; i < tensors.Count; i++)
            if (tensors[i].Shape != first.Shape)
                throw new ArgumentException(
                    $"stack: all input arrays must have the same shape, but the array at index 0 has shape {first.Shape} and the array at index {i} has shape {tensors[i].Shape}");
        int a = DeepNotes.Shape.NormalizeAxis(axis, first.Rank + 1, "stack");
        return Concatenate(tensors.Select(t => t.ExpandDims(a)).ToArray(), a);
    }

    /// <summary>numpy.split into equal parts: the axis length must divide by sections. The parts are views.</summary>
    public Tensor[] Split(int sections, int axis = 0)
    {
        int a = DeepNotes.Shape.NormalizeAxis(axis, Rank, "split");
        if (sections <= 0) throw new ArgumentException($"split: number of sections must be larger than 0, got {sections}");
        if (shape[a] % sections != 0)
            throw new ArgumentException($"split: array split does not result in an equal division: axis {a} of size {shape[a]} into {sections} sections");
        return ArraySplit(sections, a);
    }

    /// <summary>numpy.split at indices along axis: [:i0], [i0:i1], ..., [ik:] (bounds clip, so parts may be empty). Views.</summary>
    public Tensor[] Split(int[] indices, int axis = 0)
    {
        int a = DeepNotes.Shape.NormalizeAxis(axis, Rank, "split");
        var parts = new Tensor[indices.Length + 1];
        int? previous = null;
        for (int i = 0; i <= indices.Length; i++)
        {
            int? stop = i < indices.Length ? indices[i] : null;
            parts[i] = SliceAlong(a, new Slice(previous, stop));
            previous = stop;
        }
        return parts;
    }

    /// <summary>numpy.array_split: like Split(sections) but allows unequal parts (the first len % sections get one more).</summary>
    public Tensor[] ArraySplit(int sections, int axis = 0)
    {
        int a = DeepNotes.Shape.NormalizeAxis(axis, Rank, "array_split");
        if (sections <= 0) throw new ArgumentException($"array_split: number of sections must be larger than 0, got {sections}");
        int n = shape[a], each = n / sections, extra = n % sections;
        var parts = new Tensor[sections];
        int start = 0;
        for (int i = 0; i < sections; i++)
        {
            int size = each + (i < extra ? 1 : 0);
            parts[i] = SliceAlong(a, new Slice(start, start + size));
            start += size;
        }
        return parts;
    }

    /// <summary>x[(:,)*axis, slice]: a view with autodiff.</summary>
    internal Tensor SliceAlong(int axis, Slice slice)
    {
        var entries = new TensorIndex[axis + 1];
        for (int i = 0; i < axis; i++) entries[i] = TensorIndex.All;
        entries[axis] = slice;
        return GetItem(entries);
    }
}
