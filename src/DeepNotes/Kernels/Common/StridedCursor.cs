namespace DeepNotes;

/// <summary>
/// Walks a strided view row by row: each MoveNext yields the storage offset of the next innermost row,
/// whose InnerCount elements are InnerStride apart. Adjacent dimensions that are contiguous with each
/// other are merged first so that row loops are as long as possible.
/// </summary>
internal struct StridedCursor
{
    private readonly int[] outerShape;
    private readonly int[] outerStrides;
    private readonly int[] index;
    private int offset;
    private bool started;
    private bool done;

    public StridedCursor(int[] shape, int[] strides, int baseOffset)
    {
        var (s, st) = Collapse(shape, strides);
        int r = s.Length;
        InnerCount = r == 0 ? 1 : s[r - 1];
        InnerStride = r == 0 ? 1 : st[r - 1];
        outerShape = r <= 1 ? [] : s[..(r - 1)];
        outerStrides = r <= 1 ? [] : st[..(r - 1)];
        index = new int[outerShape.Length];
        offset = baseOffset;
        started = false;
        done = SizeOf(shape) == 0;
    }

    public int InnerCount { get; }
    public int InnerStride { get; }

    public bool MoveNext(out int rowOffset)
    {
        rowOffset = 0;
        if (done) return false;
        if (!started)
        {
            started = true;
            rowOffset = offset;
            return true;
        }
        for (int d = outerShape.Length - 1; d >= 0; d--)
        {
            if (++index[d] < outerShape[d])
            {
                offset += outerStrides[d];
                rowOffset = offset;
                return true;
            }
            offset -= outerStrides[d] * (outerShape[d] - 1);
            index[d] = 0;
        }
        done = true;
        return false;
    }

    private static int SizeOf(int[] shape)
    {
        int n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }

    /// <summary>Drops size-1 dims and merges dims i, i+1 when stride[i] == shape[i+1] * stride[i+1].</summary>
    internal static (int[] Shape, int[] Strides) Collapse(int[] shape, int[] strides)
    {
        var s = new List<int>(shape.Length);
        var st = new List<int>(shape.Length);
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1) continue;
            if (s.Count > 0 && st[^1] == shape[i] * strides[i])
            {
                s[^1] *= shape[i];
                st[^1] = strides[i];
            }
            else
            {
                s.Add(shape[i]);
                st.Add(strides[i]);
            }
        }
        return (s.ToArray(), st.ToArray());
    }
}
