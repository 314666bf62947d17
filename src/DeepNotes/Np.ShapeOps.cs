namespace DeepNotes;

// numpy's shape-manipulation functions over Tensor's methods.
public static partial class Np
{
    public static Tensor Concatenate(IReadOnlyList<Tensor> tensors, int axis = 0) => Tensor.Concatenate(tensors, axis);
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int axis = 0) => Tensor.Stack(tensors, axis);
    /// <summary>numpy.vstack: concatenation along axis 0 (1-D inputs become rows).</summary>
    public static Tensor VStack(IReadOnlyList<Tensor> tensors) => Tensor.Concatenate(tensors.Select(t => t.Rank < 2 ? t.Reshape(1, -1) : t).ToArray(), 0);
    /// <summary>numpy.hstack: concatenation along axis 1 (along axis 0 for 1-D inputs).</summary>
    public static Tensor HStack(IReadOnlyList<Tensor> tensors) => Tensor.Concatenate(tensors, tensors.Count > 0 && tensors[0].Rank == 1 ? 0 : 1);
    public static Tensor[] Split(Tensor x, int sections, int axis = 0) => x.Split(sections, axis);
    public static Tensor[] Split(Tensor x, int[] indices, int axis = 0) => x.Split(indices, axis);
    public static Tensor[] ArraySplit(Tensor x, int sections, int axis = 0) => x.ArraySplit(sections, axis);
    public static Tensor Pad(Tensor x, (int Before, int After)[] padWidth, double constantValue = 0) => x.Pad(padWidth, constantValue);
    public static Tensor Pad(Tensor x, int[,] padWidth, double constantValue = 0) => x.Pad(padWidth, constantValue);
    public static Tensor Pad(Tensor x, (int Before, int After) padWidth, double constantValue = 0) => x.Pad(padWidth, constantValue);
    public static Tensor Pad(Tensor x, int padWidth, double constantValue = 0) => x.Pad(padWidth, constantValue);
    public static Tensor Flip(Tensor x, params int[] axes) => x.Flip(axes);
    public static Tensor Repeat(Tensor x, int repeats, int? axis = null) => x.Repeat(repeats, axis);
    public static Tensor Repeat(Tensor x, int[] repeats, int? axis = null) => x.Repeat(repeats, axis);
    public static Tensor Tile(Tensor x, params int[] reps) => x.Tile(reps);
    public static Tensor Squeeze(Tensor x, params int[] axes) => x.Squeeze(axes);
    public static Tensor ExpandDims(Tensor x, params int[] axes) => x.ExpandDims(axes);
    public static Tensor Ravel(Tensor x) => x.Ravel();
    public static Tensor OneHot(Tensor labels, int depth, int axis = -1, DType? dtype = null) => Tensor.OneHot(labels, depth, axis, dtype);
    public static Tensor OneHot(int[] labels, int depth, int axis = -1, DType? dtype = null) => Tensor.OneHot(labels, depth, axis, dtype);
}

public static partial class Np
{
    public static Tensor Argsort(Tensor x, int? axis = -1) => x.Argsort(axis);
    public static Tensor Sort(Tensor x, int? axis = -1) => x.Sort(axis);
}
