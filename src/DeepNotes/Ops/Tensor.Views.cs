namespace DeepNotes;

// Views share storage with their source: reshape (when strides allow), permute/transpose, broadcast.
public sealed partial class Tensor
{
    /// <summary>numpy reshape: one dimension may be -1; a view when the data is contiguous, else a copy.</summary>
    public Tensor Reshape(params int[] newShape)
    {
        var target = ResolveReshape(newShape);
        var r = IsContiguous
            ? new Tensor(Storage, target, DeepNotes.Shape.ContiguousStrides(target), Offset)
            : CopyNoGrad().ReshapeNoGrad(target);
        var original = ShapeCopy();
        return Autodiff.Record(r, "reshape", [this], g => [g.Reshape(original)]);
    }

    internal Tensor ReshapeNoGrad(int[] target) => IsContiguous
        ? new Tensor(Storage, target, DeepNotes.Shape.ContiguousStrides(target), Offset)
        : CopyNoGrad().ReshapeNoGrad(target);

    private int[] ResolveReshape(int[] newShape)
    {
        var target = (int[])newShape.Clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                if (unknown >= 0) throw new ArgumentException($"reshape: can only specify one unknown dimension, got {DeepNotes.Shape.Format(newShape)}");
                unknown = i;
            }
            else if (target[i] < 0)
            {
                throw new ArgumentException($"reshape: invalid dimension {target[i]} in {DeepNotes.Shape.Format(newShape)}");
            }
            else known *= target[i];
        }
        if (unknown >= 0)
        {
            if (known == 0 || Size % known != 0)
                throw new ArgumentException($"reshape: cannot reshape array of size {Size} into shape {DeepNotes.Shape.Format(newShape)}");
            target[unknown] = (int)(Size / known);
        }
        else if (known != Size)
        {
            throw new ArgumentException($"reshape: cannot reshape array of size {Size} into shape {DeepNotes.Shape.Format(newShape)}");
        }
        return target;
    }

    /// <summary>Reorders axes (numpy transpose with axes); a view.</summary>
    public Tensor Permute(params int[] axes)
    {
        var r = PermuteNoGrad(axes);
        var inverse = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++) inverse[Shape.NormalizeAxis(axes[i], Rank, "permute")] = i;
        return Autodiff.Record(r, "permute", [this], g => [g.Permute(inverse)]);
    }

    internal Tensor PermuteNoGrad(int[] axes)
    {
        if (axes.Length != Rank)
            throw new ArgumentException($"permute: axes {DeepNotes.Shape.Format(axes)} don't match a tensor of rank {Rank} (shape {Shape})");
        var seen = new bool[Rank];
        var newShape = new int[Rank];
        var newStrides = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int ax = DeepNotes.Shape.NormalizeAxis(axes[i], Rank, "permute");
            if (seen[ax]) throw new ArgumentException($"permute: repeated axis in {DeepNotes.Shape.Format(axes)}");
            seen[ax] = true;
            newShape[i] = shape[ax];
            newStrides[i] = strides[ax];
        }
        return new Tensor(Storage, newShape, newStrides, Offset);
    }

    /// <summary>Reverses the axes (numpy's .T); for a matrix, the transpose. A view.</summary>
    public Tensor T
    {
        get
        {
            var axes = new int[Rank];
            for (int i = 0; i < Rank; i++) axes[i] = Rank - 1 - i;
            return Permute(axes);
        }
    }

    /// <summary>Reverses the axes, or with axes given, permutes them (numpy.transpose).</summary>
    public Tensor Transpose(params int[] axes) => axes.Length == 0 ? T : Permute(axes);

    /// <summary>Swaps two axes (numpy.swapaxes); a view.</summary>
    public Tensor SwapAxes(int axis1, int axis2)
    {
        var axes = new int[Rank];
        for (int i = 0; i < Rank; i++) axes[i] = i;
        int a = DeepNotes.Shape.NormalizeAxis(axis1, Rank, "swapaxes"), b = DeepNotes.Shape.NormalizeAxis(axis2, Rank, "swapaxes");
        (axes[a], axes[b]) = (axes[b], axes[a]);
        return Permute(axes);
    }

    /// <summary>A read-only-in-spirit view of this tensor broadcast to shape (stride 0 on repeated axes).</summary>
    public Tensor BroadcastTo(params int[] target)
    {
        var full = DeepNotes.Shape.Broadcast(shape, target, "broadcast_to");
        if (!full.AsSpan().SequenceEqual(target))
            throw new ArgumentException($"broadcast_to: cannot broadcast a tensor of shape {Shape} to {DeepNotes.Shape.Format(target)}");
        var r = new Tensor(Storage, (int[])target.Clone(), Kernels.Elementwise.BroadcastStrides(this, target), Offset);
        var original = ShapeCopy();
        return Autodiff.Record(r, "broadcast_to", [this], g => [g.SumTo(original)]);
    }
}
