namespace DeepNotes.Indexing;

/// <summary>
/// An index expression resolved against a shape, numpy's rules (numpy/core/src/multiarray/mapping.c) in two steps:
/// a basic view (ints drop axes, slices stride, new axes insert length-1 axes, advanced-indexed axes stay whole),
/// then, when there are advanced indices, a gather through their broadcast index arrays.
/// The plan depends only on the shape, so the backward pass reapplies it to a zero tensor of the input's shape.
/// </summary>
internal sealed class IndexPlan
{
    private readonly int[] starts;      // per source axis: first position
    private readonly int[] viewSource;  // per view axis: source axis, or -1 for a new axis
    private readonly int[] viewStep;
    private readonly int[] viewSize;
    private readonly int[][] advanced;  // per advanced axis: source positions, flat over BroadcastShape

    private IndexPlan(int[] sourceShape, int[] starts, int[] viewSource, int[] viewStep, int[] viewSize,
        int advancedPosition, int[][] advanced, int[] broadcastShape)
    {
        SourceShape = sourceShape;
        this.starts = starts;
        this.viewSource = viewSource;
        this.viewStep = viewStep;
        this.viewSize = viewSize;
        AdvancedPosition = advancedPosition;
        this.advanced = advanced;
        BroadcastShape = broadcastShape;
        var result = new List<int>(viewSize[..advancedPosition]);
        if (advanced.Length > 0) result.AddRange(broadcastShape);
        result.AddRange(viewSize[(advancedPosition + advanced.Length)..]);
        ResultShape = result.ToArray();
    }

    public int[] SourceShape { get; }
    public int[] ResultShape { get; }

    /// <summary>Whether the result is a gather (a copy) rather than a view.</summary>
    public bool IsAdvanced => advanced.Length > 0;

    /// <summary>Where the broadcast index axes sit in the view (and in the result).</summary>
    public int AdvancedPosition { get; }
    public int AdvancedCount => advanced.Length;
    public int[] BroadcastShape { get; }
    public int BroadcastSize => advanced.Length == 0 ? 1 : advanced[0].Length;

    public static IndexPlan Build(int[] shape, TensorIndex[] indices)
    {
        int rank = shape.Length;
        int consumed = 0, ellipses = 0;
        bool hasAdvanced = false;
        foreach (var ix in indices)
        {
            if (ix is null) throw new ArgumentNullException(nameof(indices), "index: an entry is null (use TensorIndex.NewAxis for numpy's None)");
            if (ix.Kind == TensorIndexKind.Ellipsis) ellipses++;
            if (ix.Kind == TensorIndexKind.Mask && ix.ConsumedAxes == 0)
                throw new NotSupportedException("index: 0-d boolean masks are not supported");
            hasAdvanced |= ix.Kind is TensorIndexKind.IntArray or TensorIndexKind.Mask;
            consumed += ix.ConsumedAxes;
        }
        if (ellipses > 1) throw new IndexOutOfRangeException("an index can only have a single ellipsis ('...')");
        if (consumed > rank)
            throw new IndexOutOfRangeException($"too many indices for array: array is {rank}-dimensional, but {consumed} were indexed");

        var starts = new int[rank];
        var vSource = new List<int>();
        var vStep = new List<int>();
        var vSize = new List<int>();
        var advViewAxes = new List<int>();
        var advValues = new List<int[]>();
        var advShapes = new List<int[]>();
        var advSourceAxes = new List<int>();
        int axis = 0;

        void KeepWhole(int a, int[] values, int[] valueShape)
        {
            advViewAxes.Add(vSource.Count);
            vSource.Add(a); vStep.Add(1); vSize.Add(shape[a]);
            advValues.Add(values); advShapes.Add(valueShape); advSourceAxes.Add(a);
        }

        void Entry(TensorIndex ix)
        {
            switch (ix.Kind)
            {
                case TensorIndexKind.Integer when !hasAdvanced:
                    starts[axis] = ix.ResolveInteger(shape[axis], axis);
                    axis++;
                    break;
                case TensorIndexKind.Integer or TensorIndexKind.IntArray:
                    // With advanced indices present, numpy treats integers as 0-d index arrays.
                    var (values, valueShape) = ix.IntegerArray();
                    KeepWhole(axis, values, valueShape);
                    axis++;
                    break;
                case TensorIndexKind.Slice:
                    var (start, step, count) = ix.SliceValue.Resolve(shape[axis]);
                    starts[axis] = count > 0 ? start : 0;
                    vSource.Add(axis); vStep.Add(step); vSize.Add(count);
                    axis++;
                    break;
                case TensorIndexKind.NewAxis:
                    vSource.Add(-1); vStep.Add(0); vSize.Add(1);
                    break;
                case TensorIndexKind.Mask:
                    var (mask, maskShape) = ix.MaskArray();
                    for (int i = 0; i < maskShape.Length; i++)
                        if (maskShape[i] != shape[axis + i])
                            throw new IndexOutOfRangeException(
                                $"boolean index did not match indexed array along axis {axis + i}; size of axis is {shape[axis + i]} but size of corresponding boolean axis is {maskShape[i]}");
                    var positions = Nonzero(mask, maskShape);
                    for (int i = 0; i < maskShape.Length; i++) KeepWhole(axis + i, positions[i], [positions[i].Length]);
                    axis += maskShape.Length;
                    break;
                default:
                    throw new InvalidOperationException($"index: unexpected entry {ix}");
            }
        }

        bool sawEllipsis = false;
        foreach (var ix in indices)
        {
            if (ix.Kind == TensorIndexKind.Ellipsis)
            {
                sawEllipsis = true;
                for (int i = 0; i < rank - consumed; i++) Entry(TensorIndex.All);
            }
            else Entry(ix);
        }
        if (!sawEllipsis)
            while (axis < rank) Entry(TensorIndex.All);

        int[] source = vSource.ToArray(), steps = vStep.ToArray(), sizes = vSize.ToArray();
        if (advViewAxes.Count == 0)
            return new IndexPlan((int[])shape.Clone(), starts, source, steps, sizes, sizes.Length, [], []);

        // Broadcast the index arrays together, check bounds, and wrap negatives.
        int[] b = [];
        foreach (var s in advShapes) b = BroadcastIndexShapes(b, s, advShapes);
        var flat = new int[advValues.Count][];
        for (int j = 0; j < flat.Length; j++)
        {
            int a = advSourceAxes[j], n = shape[a];
            var values = advValues[j];
            foreach (var v in values)
                if (v < -n || v >= n) throw new IndexOutOfRangeException($"index {v} is out of bounds for axis {a} with size {n}");
            flat[j] = BroadcastFlat(values, advShapes[j], b, n);
        }

        // numpy: index arrays next to each other put the broadcast axes in their place; separated ones put them first.
        bool adjacent = true;
        for (int j = 1; j < advViewAxes.Count; j++) adjacent &= advViewAxes[j] == advViewAxes[j - 1] + 1;
        int position = advViewAxes[0];
        if (!adjacent)
        {
            var order = new List<int>(advViewAxes);
            for (int i = 0; i < sizes.Length; i++) if (!advViewAxes.Contains(i)) order.Add(i);
            source = order.Select(i => vSource[i]).ToArray();
            steps = order.Select(i => vStep[i]).ToArray();
            sizes = order.Select(i => vSize[i]).ToArray();
            position = 0;
        }
        return new IndexPlan((int[])shape.Clone(), starts, source, steps, sizes, position, flat, b);
    }

    /// <summary>The basic part of the index applied to t (which must have SourceShape): a view sharing t's storage.</summary>
    public Tensor View(Tensor t)
    {
        var srcStrides = t.StridesInternal;
        int offset = t.Offset;
        for (int a = 0; a < starts.Length; a++) offset += starts[a] * srcStrides[a];
        var strides = new int[viewSize.Length];
        for (int i = 0; i < strides.Length; i++) strides[i] = viewSource[i] < 0 ? 0 : viewStep[i] * srcStrides[viewSource[i]];
        return new Tensor(t.Storage, (int[])viewSize.Clone(), strides, Tensor.EmptySafeOffset(offset, viewSize));
    }

    /// <summary>For each position of the broadcast index shape, the storage offset it adds within a view from <see cref="View"/>.</summary>
    public int[] AdvancedOffsets(Tensor view)
    {
        var result = new int[BroadcastSize];
        var strides = view.StridesInternal;
        for (int j = 0; j < advanced.Length; j++)
        {
            int s = strides[AdvancedPosition + j];
            var idx = advanced[j];
            for (int i = 0; i < result.Length; i++) result[i] += idx[i] * s;
        }
        return result;
    }

    /// <summary>numpy.nonzero of a mask: one array of positions per axis, in row-major order.</summary>
    internal static int[][] Nonzero(bool[] mask, int[] shape)
    {
        int count = 0;
        foreach (var m in mask) if (m) count++;
        var result = new int[shape.Length][];
        for (int d = 0; d < shape.Length; d++) result[d] = new int[count];
        var index = new int[shape.Length];
        int k = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                for (int d = 0; d < shape.Length; d++) result[d][k] = index[d];
                k++;
            }
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return result;
    }

    private static int[] BroadcastIndexShapes(int[] acc, int[] next, List<int[]> all)
    {
        try
        {
            return Shape.Broadcast(acc, next, "index");
        }
        catch (ArgumentException)
        {
            throw new IndexOutOfRangeException(
                "shape mismatch: indexing arrays could not be broadcast together with shapes " + string.Join(" ", all.Select(s => Shape.Format(s))));
        }
    }

    /// <summary>values (of shape) broadcast to target, flattened, with negative positions wrapped by n.</summary>
    private static int[] BroadcastFlat(int[] values, int[] shape, int[] target, int n)
    {
        int size = Shape.SizeOf(target);
        var result = new int[size];
        if (size == 0) return result;
        if (values.Length == size)
        {
            // Already the broadcast shape (one index array, or a mask's positions): just wrap negatives.
            for (int i = 0; i < size; i++) result[i] = values[i] < 0 ? values[i] + n : values[i];
            return result;
        }
        int lead = target.Length - shape.Length;
        var strides = Shape.ContiguousStrides(shape);
        var bStrides = new int[target.Length];
        for (int i = 0; i < shape.Length; i++) bStrides[lead + i] = shape[i] == 1 ? 0 : strides[i];
        var index = new int[target.Length];
        int off = 0;
        for (int i = 0; i < size; i++)
        {
            int v = values[off];
            result[i] = v < 0 ? v + n : v;
            for (int d = target.Length - 1; d >= 0; d--)
            {
                off += bStrides[d];
                if (++index[d] < target[d]) break;
                off -= bStrides[d] * target[d];
                index[d] = 0;
            }
        }
        return result;
    }
}
