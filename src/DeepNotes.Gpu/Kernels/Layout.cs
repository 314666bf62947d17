namespace DeepNotes.Gpu.Kernels;

/// <summary>
/// Maps a row-major linear index of an output to an element offset in a strided (or broadcast, stride 0) input.
/// Passed to kernels by value; up to six axes after merging (see <see cref="Layouts"/>).
/// </summary>
internal struct Layout
{
    public const int MaxRank = 6;
    public int D0, D1, D2, D3, D4, D5;
    public int S0, S1, S2, S3, S4, S5;
    public int Offset;
    /// <summary>1 when the input is read densely in order (index = Offset + i): skips the divisions.</summary>
    public int Dense;

    public readonly int At(int i)
    {
        if (Dense != 0) return Offset + i;
        int o = Offset;
        int r = i;
        o += (r % D5) * S5; r /= D5;
        o += (r % D4) * S4; r /= D4;
        o += (r % D3) * S3; r /= D3;
        o += (r % D2) * S2; r /= D2;
        o += (r % D1) * S1; r /= D1;
        return o + r * S0;
    }
}

/// <summary>Builds <see cref="Layout"/>s for one output shape and several inputs, merging axes that stay dense together.</summary>
internal static class Layouts
{
    /// <summary>Layouts reading each tensor as if broadcast to shape (the tensors' own offsets included).</summary>
    public static Layout[] For(int[] shape, params Tensor[] inputs)
    {
        var strides = inputs.Select(t => Broadcast(t, shape)).ToArray();
        var (dims, merged) = Merge(shape, strides);
        if (dims.Length > Layout.MaxRank)
            throw new NotSupportedException($"gpu: an elementwise op over shape {DeepNotes.Shape.Format(shape)} needs {dims.Length} strided axes; at most {Layout.MaxRank} are supported (make the input contiguous)");
        var result = new Layout[inputs.Length];
        for (int k = 0; k < inputs.Length; k++) result[k] = Make(dims, merged[k], inputs[k].Offset);
        return result;
    }

    /// <summary>Strides reading t as if broadcast to shape (0 along broadcast axes).</summary>
    public static int[] Broadcast(Tensor t, int[] shape)
    {
        var result = new int[shape.Length];
        int lead = shape.Length - t.Rank;
        var dims = t.Dims;
        var strides = t.StridesInternal;
        for (int i = 0; i < t.Rank; i++) result[lead + i] = dims[i] == 1 && shape[lead + i] != 1 ? 0 : strides[i];
        return result;
    }

    /// <summary>Drops size-1 axes and merges neighbours that every input walks as one run.</summary>
    public static (int[] Dims, int[][] Strides) Merge(int[] shape, int[][] strides)
    {
        var dims = new List<int>();
        var st = strides.Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1) continue;
            int last = dims.Count - 1;
            bool mergeable = last >= 0;
            for (int k = 0; k < strides.Length && mergeable; k++)
                mergeable = st[k][last] == strides[k][i] * shape[i];
            if (mergeable)
            {
                dims[last] *= shape[i];
                for (int k = 0; k < strides.Length; k++) st[k][last] = strides[k][i];
            }
            else
            {
                dims.Add(shape[i]);
                for (int k = 0; k < strides.Length; k++) st[k].Add(strides[k][i]);
            }
        }
        return (dims.ToArray(), st.Select(s => s.ToArray()).ToArray());
    }

    /// <summary>The layout of a single element at offset.</summary>
    public static Layout Single(int offset) => Make([], [], offset);

    public static Layout Make(int[] dims, int[] strides, int offset)
    {
        Span<int> d = stackalloc int[Layout.MaxRank];
        Span<int> s = stackalloc int[Layout.MaxRank];
        d.Fill(1);
        s.Clear();
        int lead = Layout.MaxRank - dims.Length;
        for (int i = 0; i < dims.Length; i++)
        {
            d[lead + i] = dims[i];
            s[lead + i] = strides[i];
        }
        return new Layout
        {
            D0 = d[0], D1 = d[1], D2 = d[2], D3 = d[3], D4 = d[4], D5 = d[5],
            S0 = s[0], S1 = s[1], S2 = s[2], S3 = s[3], S4 = s[4], S5 = s[5],
            Offset = offset,
            Dense = dims.Length == 0 || (dims.Length == 1 && strides[0] == 1) ? 1 : 0,
        };
    }
}
