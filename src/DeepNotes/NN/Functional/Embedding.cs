using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.NN;

// Embedding lookup: a gather of table rows whose backward scatter-adds into the table.
public static partial class F
{
    /// <summary>
    /// Looks up rows of table (V, D) for integer-valued indices of any shape: returns indices.shape + (D).
    /// Gradients flow to the table only (repeated ids accumulate). Ids must lie in [0, V).
    /// </summary>
    public static Tensor Embedding(Tensor indices, Tensor table)
    {
        const string op = "embedding";
        if (table.Rank != 2) throw new ArgumentException($"{op}: table must be 2-D (vocabulary, dim), got shape {table.Shape}");
        table.RequireCpu(op);
        int v = table.Dims[0], d = table.Dims[1];
        var ids = ToIds(indices, v, op);
        var tc = table.Contiguous();
        var y = Tensor.Empty([.. indices.Dims, d], tc.DType);
        if (tc.DType == DType.Float32) Gather<float>(tc.AsSpan<float>(), ids, y.AsSpan<float>(), d);
        else Gather<double>(tc.AsSpan<double>(), ids, y.AsSpan<double>(), d);
        return Autodiff.Record(y, op, [tc], grad =>
        {
            var g = grad.AsType(tc.DType).Contiguous();
            var dt = Tensor.Zeros([v, d], tc.DType);
            if (tc.DType == DType.Float32) ScatterAdd<float>(g.AsSpan<float>(), ids, dt.AsSpan<float>(), d);
            else ScatterAdd<double>(g.AsSpan<double>(), ids, dt.AsSpan<double>(), d);
            return [dt];
        });
    }

    /// <summary>Integer ids from a float tensor, checked to be whole numbers inside the vocabulary.</summary>
    private static int[] ToIds(Tensor indices, int vocabulary, string op)
    {
        var raw = indices.ToArray();
        var ids = new int[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            double x = raw[i];
            if (x != Math.Floor(x) || x < 0 || x >= vocabulary)
                throw new ArgumentException($"{op}: index {x} at position {i} of indices {indices.Shape} is not an id in [0, {vocabulary})");
            ids[i] = (int)x;
        }
        return ids;
    }

    private static void Gather<T>(ReadOnlySpan<T> table, int[] ids, Span<T> y, int d) where T : unmanaged
    {
        for (int i = 0; i < ids.Length; i++) table.Slice(ids[i] * d, d).CopyTo(y.Slice(i * d, d));
    }

    private static void ScatterAdd<T>(ReadOnlySpan<T> g, int[] ids, Span<T> dTable, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < ids.Length; i++)
        {
            var row = dTable.Slice(ids[i] * d, d);
            TensorPrimitives.Add<T>(row, g.Slice(i * d, d), row);
        }
    }

    /// <summary>
    /// The course's positional_encoding(positions, d): (1, positions, d) with PE[p, 2i] = sin(p / 10000^(2i/d)) and
    /// PE[p, 2i+1] = cos(p / 10000^(2i/d)). A constant (no gradient).
    /// </summary>
    public static Tensor PositionalEncoding(int positions, int d, DType? dtype = null)
    {
        if (positions <= 0 || d <= 0) throw new ArgumentException($"positional_encoding: positions and d must be positive, got {positions} and {d}");
        var pe = new double[positions * d];
        for (int p = 0; p < positions; p++)
            for (int j = 0; j < d; j++)
            {
                double angle = p / Math.Pow(10000, 2.0 * (j / 2) / d);
                pe[p * d + j] = j % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
            }
        return Tensor.FromArray(pe, 1, positions, d).AsType(dtype ?? Tensor.DefaultDType);
    }
}
