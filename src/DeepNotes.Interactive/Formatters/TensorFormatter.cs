using System.Globalization;
using System.Text;

namespace DeepNotes.Interactive.Formatters;

/// <summary>
/// Pure tensor → text/HTML functions (no kernel needed, so tests call them directly).
/// Big tensors are summarized like numpy: when a tensor has more than <see cref="Threshold"/> elements, every
/// axis longer than 2 × <see cref="EdgeItems"/> shows its first and last <see cref="EdgeItems"/> entries around "…".
/// </summary>
public static class TensorFormatter
{
    /// <summary>Element count above which tensors are summarized (numpy's print threshold).</summary>
    public static int Threshold { get; set; } = 1000;

    /// <summary>Entries kept at each end of a summarized axis (numpy's edgeitems).</summary>
    public static int EdgeItems { get; set; } = 3;

    /// <summary>The one-line description: "Tensor (3, 4) float64 cpu" plus autograd state.</summary>
    public static string Header(Tensor t)
    {
        var sb = new StringBuilder();
        sb.Append("Tensor ").Append(t.Shape).Append(' ').Append(t.DType.Name()).Append(' ').Append(t.Device);
        if (t.GradFn is not null) sb.Append(" grad_fn=").Append(t.GradFn);
        else if (t.RequiresGrad) sb.Append(" requires_grad");
        return sb.ToString();
    }

    /// <summary>numpy-style repr: <c>array([[1., 2.], [3., 4.]])</c> over several lines, with dtype when not float64.</summary>
    public static string ToText(Tensor t)
    {
        t = OnCpu(t);
        var dims = t.Shape.ToArray();
        bool summarize = t.Size > Threshold;
        var format = NumberFormat.For(ShownValues(t, summarize));
        const string open = "array(";
        string body;
        if (t.Rank == 0) body = format.Format(t.Item());
        else
        {
            int width = ShownValues(t, summarize).Select(v => format.Format(v).Length).DefaultIfEmpty(1).Max();
            body = RenderText(t, dims, 0, new int[t.Rank], summarize, format, width, open.Length);
        }
        var suffix = t.DType == DType.Float64 ? "" : $", dtype={t.DType.Name()}";
        return open + body + suffix + ")";
    }

    private static string RenderText(Tensor t, int[] dims, int axis, int[] index, bool summarize, NumberFormat format, int width, int indent)
    {
        var sb = new StringBuilder("[");
        var positions = Positions(dims[axis], summarize);
        bool last = axis == dims.Length - 1;
        if (last) return RenderRow(t, index, axis, positions, format, width, indent);
        string separator = last ? ", " : "," + new string('\n', dims.Length - axis - 1) + new string(' ', indent + axis + 1);
        for (int i = 0; i < positions.Length; i++)
        {
            if (i > 0) sb.Append(separator);
            if (positions[i] < 0)
            {
                sb.Append(last ? "...".PadLeft(width) : "...");
                continue;
            }
            index[axis] = positions[i];
            sb.Append(last ? format.Format(t.GetValue(index)).PadLeft(width)
                           : RenderText(t, dims, axis + 1, index, summarize, format, width, indent));
        }
        return sb.Append(']').ToString();
    }

    /// <summary>The innermost axis, wrapped at <see cref="LineWidth"/> columns like numpy's linewidth.</summary>
    private static string RenderRow(Tensor t, int[] index, int axis, int[] positions, NumberFormat format, int width, int indent)
    {
        var sb = new StringBuilder("[");
        int column = indent + axis + 1;
        string continuation = "\n" + new string(' ', indent + axis + 1);
        for (int i = 0; i < positions.Length; i++)
        {
            string item;
            if (positions[i] < 0) item = "...";
            else
            {
                index[axis] = positions[i];
                item = format.Format(t.GetValue(index)).PadLeft(width);
            }
            if (i > 0)
            {
                sb.Append(',');
                column++;
                if (column + 1 + item.Length + 1 > LineWidth)
                {
                    sb.Append(continuation);
                    column = indent + axis + 1;
                }
                else
                {
                    sb.Append(' ');
                    column++;
                }
            }
            sb.Append(item);
            column += item.Length;
        }
        return sb.Append(']').ToString();
    }

    /// <summary>Maximum text line width (numpy's default linewidth).</summary>
    public static int LineWidth { get; set; } = 75;

    /// <summary>An HTML header line plus value tables: one table for rank ≤ 2, one per leading index for rank ≥ 3.</summary>
    public static string ToHtml(Tensor t)
    {
        var device = t.Device;
        t = OnCpu(t);
        var sb = new StringBuilder();
        sb.Append(Html.TableStyle).Append("<div class=\"dn-box dn-tensor\"><div class=\"dn-head\"><b>Tensor</b> ")
          .Append(Html.Escape(t.Shape.ToString())).Append(" · ").Append(t.DType.Name()).Append(" · ").Append(Html.Escape(device.ToString()));
        if (t.GradFn is not null) sb.Append(" · grad_fn ").Append(Html.Escape(t.GradFn.ToString()));
        else if (t.RequiresGrad) sb.Append(" · requires grad");
        sb.Append("</div>");
        bool summarize = t.Size > Threshold;
        var format = NumberFormat.For(ShownValues(t, summarize));
        var dims = t.Shape.ToArray();
        if (t.Rank == 0)
            sb.Append("<table class=\"dn-table\"><tr><td>").Append(format.Format(t.Item())).Append("</td></tr></table>");
        else if (t.Rank <= 2)
            AppendMatrix(sb, t, dims, [], summarize, format);
        else
            AppendSlices(sb, t, dims, 0, new int[t.Rank - 2], summarize, format);
        return sb.Append("</div>").ToString();
    }

    private static void AppendSlices(StringBuilder sb, Tensor t, int[] dims, int axis, int[] lead, bool summarize, NumberFormat format)
    {
        if (axis == lead.Length)
        {
            sb.Append("<div class=\"dn-slice\">[").Append(string.Join(", ", lead)).Append(", :, :]</div>");
            AppendMatrix(sb, t, dims, lead, summarize, format);
            return;
        }
        foreach (var p in Positions(dims[axis], summarize))
        {
            if (p < 0)
            {
                sb.Append("<div class=\"dn-slice\">…</div>");
                continue;
            }
            lead[axis] = p;
            AppendSlices(sb, t, dims, axis + 1, lead, summarize, format);
        }
    }

    private static void AppendMatrix(StringBuilder sb, Tensor t, int[] dims, int[] lead, bool summarize, NumberFormat format)
    {
        int rank = dims.Length;
        int rows = rank == 1 ? 1 : dims[rank - 2];
        int cols = dims[rank - 1];
        var rowPos = rank == 1 ? [0] : Positions(rows, summarize);
        var colPos = Positions(cols, summarize);
        var index = new int[rank];
        lead.CopyTo(index, 0);
        sb.Append("<table class=\"dn-table\"><tr><th></th>");
        foreach (var c in colPos) sb.Append(c < 0 ? "<th class=\"dn-ell\">…</th>" : $"<th>{c}</th>");
        sb.Append("</tr>");
        foreach (var r in rowPos)
        {
            sb.Append("<tr>");
            if (r < 0)
            {
                sb.Append("<th class=\"dn-ell\">⋮</th>");
                foreach (var c in colPos) sb.Append("<td class=\"dn-ell\">").Append(c < 0 ? "⋱" : "⋮").Append("</td>");
                sb.Append("</tr>");
                continue;
            }
            sb.Append("<th>").Append(rank == 1 ? "" : r.ToString(CultureInfo.InvariantCulture)).Append("</th>");
            if (rank >= 2) index[rank - 2] = r;
            foreach (var c in colPos)
            {
                if (c < 0)
                {
                    sb.Append("<td class=\"dn-ell\">…</td>");
                    continue;
                }
                index[rank - 1] = c;
                sb.Append("<td>").Append(format.Format(t.GetValue(index))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table>");
    }

    /// <summary>Values are read on the CPU; a GPU tensor is copied for display (its header still names its device).</summary>
    private static Tensor OnCpu(Tensor t) => t.Device.IsCpu ? t : t.ToCpu();

    /// <summary>The indices shown along an axis of length n; -1 marks the "…" gap.</summary>
    internal static int[] Positions(int n, bool summarize)
    {
        int e = EdgeItems;
        if (!summarize || n <= 2 * e) return Enumerable.Range(0, n).ToArray();
        return [.. Enumerable.Range(0, e), -1, .. Enumerable.Range(n - e, e)];
    }

    /// <summary>Every value that will be printed (drives the shared number style).</summary>
    private static IEnumerable<double> ShownValues(Tensor t, bool summarize)
    {
        if (t.Rank == 0)
        {
            yield return t.Item();
            yield break;
        }
        var dims = t.Shape.ToArray();
        var positions = dims.Select(d => Positions(d, summarize).Where(p => p >= 0).ToArray()).ToArray();
        if (positions.Any(p => p.Length == 0)) yield break;
        var counters = new int[dims.Length];
        var index = new int[dims.Length];
        while (true)
        {
            for (int d = 0; d < dims.Length; d++) index[d] = positions[d][counters[d]];
            yield return t.GetValue(index);
            int axis = dims.Length - 1;
            while (axis >= 0 && ++counters[axis] == positions[axis].Length)
            {
                counters[axis] = 0;
                axis--;
            }
            if (axis < 0) yield break;
        }
    }
}
