using DeepNotes.Indexing;

namespace DeepNotes;

// numpy indexing: t[...] reads (a view for basic indices, a gather for integer arrays and masks) and writes in place.
public sealed partial class Tensor
{
    /// <summary>
    /// numpy indexing. Reading gives a view when every entry is basic (int, ^i, ranges, <see cref="Slice"/>,
    /// NewAxis, Ellipsis) and a copy (a gather) when an entry is an integer array or a mask.
    /// Writing (<c>t[1.., 0] = v</c>, <c>A[A &lt; 0.5] = 0</c>) copies v, broadcast and cast to this dtype, into the
    /// selected elements in place; shapes and bounds are checked before anything is written.
    /// A tensor entry holds integer positions unless it is a comparison result (<see cref="IsMask"/>) or wrapped
    /// in <see cref="TensorIndex.Mask(Tensor)"/>; see <see cref="TensorIndex"/> for every entry kind.
    /// <example><c>X[.., idx]</c> is numpy's <c>X[:, idx]</c>; <c>x[Np.S(null, null, -1)]</c> is <c>x[::-1]</c>; <c>x[^1]</c> is <c>x[-1]</c>.</example>
    /// </summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[params TensorIndex[] indices]
    {
        get => GetItem(indices);
        set => SetItem(indices, value);
    }

    /// <summary>numpy's <c>__getitem__</c>: see the indexer.</summary>
    public Tensor GetItem(params TensorIndex[] indices)
    {
        var plan = IndexPlan.Build(shape, indices);
        var view = plan.View(this);
        if (!plan.IsAdvanced)
            return Autodiff.Record(view, "index", [this], g => [IndexBackward(plan, g)]);
        RequireCpu("index");
        var result = new Tensor(plan.ResultShape, DType);
        if (DType == DType.Float32) IndexKernels.Gather<float>(plan, view, result);
        else IndexKernels.Gather<double>(plan, view, result);
        return Autodiff.Record(result, "index_gather", [this], g => [IndexBackward(plan, g)]);
    }

    /// <summary>The gradient of an index read: the output gradient scattered into zeros (added up where indices repeat).</summary>
    private static Tensor IndexBackward(IndexPlan plan, Tensor g)
    {
        var grad = g.Device.IsCpu ? Zeros(plan.SourceShape, g.DType) : Backends.Gpu!.Full(plan.SourceShape, 0, g.DType);
        var view = plan.View(grad);
        if (!g.Device.IsCpu) Backends.Gpu!.CopyInto(view, g);   // basic indexing only: advanced indexing refuses GPU tensors
        else if (!plan.IsAdvanced) IndexKernels.Copy(g, view);
        else if (g.DType == DType.Float32) IndexKernels.Scatter<float>(plan, view, g.Contiguous(), accumulate: true);
        else IndexKernels.Scatter<double>(plan, view, g.Contiguous(), accumulate: true);
        return grad;
    }

    /// <summary>numpy's <c>__setitem__</c>: writes value (broadcast to the selection, cast to this dtype) in place.</summary>
    public void SetItem(TensorIndex[] indices, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RequireCpu("setitem");
        if (Autodiff.Enabled && RequiresGrad)
            throw new InvalidOperationException(
                $"setitem: cannot write in place into a tensor of shape {Shape} that requires grad; do it inside Tensor.NoGrad(), or build a new tensor (MaskedFill, Where, Concatenate)");
        if (Autodiff.Enabled && value.RequiresGrad)
            throw new InvalidOperationException("setitem: assignment is not differentiable; the value requires grad (Detach() it or use an out-of-place op)");
        var plan = IndexPlan.Build(shape, indices);
        var source = BroadcastForAssignment(value, plan.ResultShape);
        if (ReferenceEquals(source.Storage, Storage)) source = source.CopyNoGrad();   // numpy copies overlapping right-hand sides first
        var view = plan.View(this);
        if (!plan.IsAdvanced)
        {
            IndexKernels.Copy(source, view);
            return;
        }
        var values = source.DType == DType && source.IsContiguous ? source : source.AsTypeNoGrad(DType).CopyNoGrad();
        if (DType == DType.Float32) IndexKernels.Scatter<float>(plan, view, values, accumulate: false);
        else IndexKernels.Scatter<double>(plan, view, values, accumulate: false);
    }

    /// <summary>Writes a number into the selected elements (numpy <c>t[idx] = 0</c>).</summary>
    public void SetItem(TensorIndex[] indices, double value) => SetItem(indices, ScalarLike(value));

    /// <summary>A view of value broadcast to target; numpy's message when it cannot be.</summary>
    private static Tensor BroadcastForAssignment(Tensor value, int[] target)
    {
        var dims = value.Dims.AsSpan();
        var strides = value.StridesInternal.AsSpan();
        // numpy drops leading length-1 axes of the value that the target does not have.
        while (dims.Length > target.Length)
        {
            if (dims[0] != 1) throw AssignmentError(value, target);
            dims = dims[1..];
            strides = strides[1..];
        }
        var bStrides = new int[target.Length];
        int lead = target.Length - dims.Length;
        for (int i = lead; i < target.Length; i++)
        {
            int d = dims[i - lead];
            if (d == target[i]) bStrides[i] = strides[i - lead];
            else if (d == 1) bStrides[i] = 0;
            else throw AssignmentError(value, target);
        }
        return new Tensor(value.Storage, (int[])target.Clone(), bStrides, value.Offset);
    }

    private static ArgumentException AssignmentError(Tensor value, int[] target) =>
        new($"setitem: could not broadcast input array from shape {value.Shape} into shape {DeepNotes.Shape.Format(target)}");

    internal Tensor AsTypeNoGrad(DType dtype)
    {
        using var _ = NoGrad();
        return AsType(dtype);
    }

    /// <summary>
    /// Whether this tensor is a comparison result (or a view of one), numpy's bool arrays: used as an index it
    /// selects by mask, so <c>A[A &lt; 0.5] = 0</c> works as in numpy. Arithmetic and copies give ordinary tensors.
    /// </summary>
    public bool IsMask => MaskMarks.Contains(Storage);

    /// <summary>Marks this (freshly computed) tensor as a mask; comparisons call it on their results.</summary>
    internal Tensor MarkAsMask()
    {
        MaskMarks.Add(Storage);
        return this;
    }

    /// <summary>
    /// numpy's <c>x[mask]</c> for a 0/1 (or any nonzero/zero) tensor: the elements where mask is nonzero, as a 1-D copy
    /// (or, for a mask over leading axes, the selected sub-arrays stacked). Differentiable in x.
    /// </summary>
    public Tensor Mask(Tensor mask) => GetItem(TensorIndex.Mask(mask));

    /// <summary>
    /// A copy of this tensor with value where mask (broadcast to this shape) is nonzero, the out-of-place form of
    /// <c>A[A &lt; 0.5] = 0</c> (torch's masked_fill). The gradient passes where the mask is zero.
    /// </summary>
    public Tensor MaskedFill(Tensor mask, double value)
    {
        RequireCpu("masked_fill");
        var m = BroadcastMask(mask, "masked_fill");
        var result = CopyNoGrad();
        var data = m.ToArray();
        if (DType == DType.Float32)
        {
            var d = result.AsSpan<float>();
            for (int i = 0; i < d.Length; i++) if (data[i] != 0) d[i] = (float)value;
        }
        else
        {
            var d = result.AsSpan<double>();
            for (int i = 0; i < d.Length; i++) if (data[i] != 0) d[i] = value;
        }
        return Autodiff.Record(result, "masked_fill", [this], g => [g.MaskedFill(m, 0)]);
    }

    private Tensor BroadcastMask(Tensor mask, string op)
    {
        var full = DeepNotes.Shape.Broadcast(shape, mask.Dims, op);
        if (!full.AsSpan().SequenceEqual(shape))
            throw new ArgumentException($"{op}: mask of shape {mask.Shape} cannot be broadcast to the tensor's shape {Shape}");
        return new Tensor(mask.Storage, ShapeCopy(), Kernels.Elementwise.BroadcastStrides(mask, shape), mask.Offset);
    }

    /// <summary>
    /// numpy.take: elements at integer positions along an axis (or of the flattened tensor when axis is null).
    /// The result's shape is shape[:axis] + indices.shape + shape[axis+1:]. Repeated positions add up in the gradient.
    /// </summary>
    public Tensor Take(TensorIndex indices, int? axis = null)
    {
        if (indices.Kind is not (TensorIndexKind.IntArray or TensorIndexKind.Integer))
            throw new ArgumentException($"take: indices must be integer positions, got {indices}");
        if (axis is null) return Reshape(-1).GetItem(indices);
        int a = DeepNotes.Shape.NormalizeAxis(axis.Value, Rank, "take");
        var entries = new TensorIndex[a + 1];
        for (int i = 0; i < a; i++) entries[i] = TensorIndex.All;
        entries[a] = indices;
        return GetItem(entries);
    }

    /// <summary>
    /// numpy.take_along_axis (torch.gather): indices has this tensor's rank; out[i, j] = x[indices[i, j], j] for axis 0.
    /// Other axes of indices broadcast against this tensor's. Repeated positions add up in the gradient.
    /// </summary>
    public Tensor TakeAlongAxis(Tensor indices, int axis)
    {
        int a = DeepNotes.Shape.NormalizeAxis(axis, Rank, "take_along_axis");
        if (indices.Rank != Rank)
            throw new ArgumentException($"take_along_axis: indices of shape {indices.Shape} must have the same rank as the tensor of shape {Shape}");
        var entries = new TensorIndex[Rank];
        for (int i = 0; i < Rank; i++)
        {
            if (i == a) { entries[i] = TensorIndex.Indices(indices); continue; }
            var positions = new int[shape[i]];
            for (int k = 0; k < positions.Length; k++) positions[k] = k;
            var along = new int[Rank];
            Array.Fill(along, 1);
            along[i] = shape[i];
            entries[i] = TensorIndex.Indices(FromArray(positions, along));
        }
        return GetItem(entries);
    }

    /// <summary>torch.gather: the same as <see cref="TakeAlongAxis"/> with the axis first.</summary>
    public Tensor Gather(int axis, Tensor indices) => TakeAlongAxis(indices, axis);

    /// <summary>numpy.nonzero: for each axis, the positions (as float64 values) of the nonzero elements, in row-major order.</summary>
    public Tensor[] Nonzero()
    {
        var values = ToArray();
        var mask = new bool[values.Length];
        for (int i = 0; i < mask.Length; i++) mask[i] = values[i] != 0;
        var positions = IndexPlan.Nonzero(mask, shape);
        return positions.Select(p => FromArray(p)).ToArray();
    }
}
