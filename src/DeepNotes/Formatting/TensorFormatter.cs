using System.Text;

namespace DeepNotes.Formatting;

/// <summary>
/// Prints tensors exactly like numpy's <c>print(a)</c> (str): shared precision and padding, scientific
/// notation when numpy would switch, line wrapping at the line width, and "..." summaries of big tensors.
/// The notebook extension builds its HTML view on <see cref="Summarize"/>.
/// </summary>
public static class TensorFormatter
{
    /// <summary>numpy's str(a) under the given (or current) print options.</summary>
    public static string Format(Tensor t, PrintOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        var o = options ?? PrintOptions.Current;
        if (t.IsDisposed) return $"<disposed tensor, shape {t.Shape}, {t.DType.Name()}>";
        t = OnCpu(t);
        bool f32 = t.DType == DType.Float32;
        if (t.Rank == 0) return FormatScalar(t.Item(), f32);
        if (t.Size == 0) return "[]";

        var grid = Grid(t, o);
        var values = Gather(t, grid.Indices);
        var format = new FloatFormat(values, f32, o);
        var cells = Array.ConvertAll(values, format.Format);
        var dims = grid.Indices.Select(l => l.Length).ToArray();
        var gridStrides = Shape.ContiguousStrides(dims);
        return Recurse(0, 0, " ", o.LineWidth);

        string Recurse(int axis, int start, string hanging, int width)
        {
            if (axis == dims.Length) return cells[start];
            string nextHanging = hanging + " ";
            int nextWidth = width - 1;
            int count = dims[axis];
            int leading = grid.Elided[axis] ? o.EdgeItems : 0;
            var sb = new StringBuilder();
            if (axis == dims.Length - 1)
            {
                int elemWidth = width - 1;   // room for the closing bracket
                var line = new StringBuilder(hanging);
                for (int i = 0; i < count; i++)
                {
                    if (grid.Elided[axis] && i == leading)
                    {
                        ExtendLine(sb, line, "...", elemWidth, hanging);
                        line.Append(' ');
                    }
                    ExtendLine(sb, line, Recurse(axis + 1, start + i * gridStrides[axis], nextHanging, nextWidth), elemWidth, hanging);
                    if (i < count - 1) line.Append(' ');
                }
                if (grid.Elided[axis] && leading == count) ExtendLine(sb, line, "...", elemWidth, hanging);
                sb.Append(line);
            }
            else
            {
                string lineSep = new('\n', dims.Length - 1 - axis);
                for (int i = 0; i < count; i++)
                {
                    if (grid.Elided[axis] && i == leading) sb.Append(hanging).Append("...").Append(lineSep);
                    sb.Append(hanging).Append(Recurse(axis + 1, start + i * gridStrides[axis], nextHanging, nextWidth));
                    if (i < count - 1) sb.Append(lineSep);
                }
            }
            return "[" + sb.ToString(hanging.Length, sb.Length - hanging.Length) + "]";
        }
    }

    /// <summary>numpy's _extendLine: wrap before a word that would pass the width, unless wrapping can't help.</summary>
    private static void ExtendLine(StringBuilder s, StringBuilder line, string word, int width, string nextLinePrefix)
    {
        bool wrap = line.Length + word.Length > width && line.Length > nextLinePrefix.Length;
        if (wrap)
        {
            s.Append(line.ToString().TrimEnd()).Append('\n');
            line.Clear().Append(nextLinePrefix);
        }
        line.Append(word);
    }

    /// <summary>
    /// A 0-d tensor prints like a numpy scalar: shortest round-trip digits, positional between 1e-4 and 1e16
    /// ("1.0", "0.1"), scientific outside ("1e+20", "1.5e-05").
    /// </summary>
    public static string FormatScalar(double v, bool isFloat32 = false)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v < 0 ? "-inf" : "inf";
        double a = Math.Abs(v);
        return a == 0 || (a >= 1e-4 && a < 1e16)
            ? FloatFormat.Positional(v, null, -1, true, '0', 0, -1, isFloat32)
            : FloatFormat.Scientific(v, null, -1, true, '-', 0, -1, isFloat32);
    }

    /// <summary>A device tensor's values, downloaded (outside autodiff) so it prints like a CPU one.</summary>
    private static Tensor OnCpu(Tensor t)
    {
        if (t.Device.IsCpu) return t;
        using var _ = Tensor.NoGrad();
        return t.ToCpu();
    }

    /// <summary>"Tensor(shape=(3, 4), dtype=float64, device=cpu)", plus requires_grad when set.</summary>
    public static string Describe(Tensor t) =>
        $"Tensor(shape={t.Shape}, dtype={t.DType.Name()}, device={t.Device}{(t.RequiresGrad ? ", requires_grad=True" : "")})";

    /// <summary>
    /// The cells numpy would show: per axis the indices kept (all of them, or EdgeItems from each end with a
    /// gap), and the values and their formatted strings (shared format, unpadded) in row-major grid order.
    /// </summary>
    public static TensorSummary Summarize(Tensor t, PrintOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        var o = options ?? PrintOptions.Current;
        t = OnCpu(t);
        var grid = Grid(t, o);
        var values = t.Size == 0 ? [] : Gather(t, grid.Indices);
        var format = new FloatFormat(values, t.DType == DType.Float32, o);
        var cells = t.Rank == 0
            ? [FormatScalar(values[0], t.DType == DType.Float32)]
            : Array.ConvertAll(values, v => format.Format(v).Trim());
        return new TensorSummary(t.Shape, t.DType, grid.Elided.Any(e => e),
            grid.Indices.Select(l => (IReadOnlyList<int>)l).ToArray(), grid.Elided, values, cells);
    }

    private sealed record GridSpec(int[][] Indices, bool[] Elided);

    /// <summary>Which indices of each axis are printed: numpy summarizes when size &gt; threshold, per axis when len &gt; 2·edgeitems.</summary>
    private static GridSpec Grid(Tensor t, PrintOptions o)
    {
        bool summarize = t.Size > o.Threshold;
        var indices = new int[t.Rank][];
        var elided = new bool[t.Rank];
        for (int axis = 0; axis < t.Rank; axis++)
        {
            int n = t.Shape[axis];
            if (summarize && 2 * o.EdgeItems < n)
            {
                elided[axis] = true;
                // numpy always prints the last item, even with edgeitems = 0
                int tail = Math.Max(o.EdgeItems, 1);
                indices[axis] = Enumerable.Range(0, o.EdgeItems).Concat(Enumerable.Range(n - tail, tail)).ToArray();
            }
            else indices[axis] = Enumerable.Range(0, n).ToArray();
        }
        return new GridSpec(indices, elided);
    }

    /// <summary>The values at the grid's index combinations, read straight from storage (views included).</summary>
    private static double[] Gather(Tensor t, int[][] indices)
    {
        int total = 1;
        foreach (var l in indices) total *= l.Length;
        var result = new double[total];
        if (total == 0) return result;
        var strides = t.StridesInternal;
        var position = new int[indices.Length];
        float[]? f = t.DType == DType.Float32 ? t.Data<float>() : null;
        double[]? d = t.DType == DType.Float64 ? t.Data<double>() : null;
        for (int k = 0; k < total; k++)
        {
            int off = t.Offset;
            for (int a = 0; a < position.Length; a++) off += indices[a][position[a]] * strides[a];
            result[k] = f is not null ? f[off] : d![off];
            for (int a = position.Length - 1; a >= 0; a--)
            {
                if (++position[a] < indices[a].Length) break;
                position[a] = 0;
            }
        }
        return result;
    }
}

/// <summary>
/// What a summarized print shows, as data for an HTML table: the kept indices per axis (Elided marks axes with
/// a gap after the first EdgeItems entries), and the values and formatted cells in row-major order over them.
/// </summary>
public sealed record TensorSummary(
    Shape Shape,
    DType DType,
    bool Summarized,
    IReadOnlyList<IReadOnlyList<int>> Indices,
    IReadOnlyList<bool> Elided,
    double[] Values,
    string[] Cells);
