using System.Text;
using DeepNotes.Formatting;

namespace DeepNotes.Interactive.Formatters;

/// <summary>
/// Pure tensor → HTML/text functions (no kernel needed, so tests call them directly). The numbers and the
/// numpy-style summary (which rows and columns are shown around "…") come from the engine's
/// <see cref="DeepNotes.Formatting.TensorFormatter.Summarize"/>, so the HTML table and <c>ToString()</c> always agree.
/// </summary>
public static class TensorFormatter
{
    /// <summary>text/plain: numpy's print(a), the engine's <c>Tensor.ToString()</c>.</summary>
    public static string ToText(Tensor t) => t.ToString();

    /// <summary>The one-line description: "Tensor (3, 4) float64 cpu" plus autograd state.</summary>
    public static string Header(Tensor t)
    {
        var sb = new StringBuilder();
        sb.Append("Tensor ").Append(t.Shape).Append(' ').Append(t.DType.Name()).Append(' ').Append(t.Device);
        if (t.GradFn is not null) sb.Append(" grad_fn=").Append(t.GradFn);
        else if (t.RequiresGrad) sb.Append(" requires_grad");
        return sb.ToString();
    }

    /// <summary>An HTML header line plus value tables: one table for rank ≤ 2, one per leading index for rank ≥ 3.</summary>
    public static string ToHtml(Tensor t)
    {
        var summary = DeepNotes.Formatting.TensorFormatter.Summarize(t);
        var sb = new StringBuilder();
        sb.Append(Html.TableStyle).Append("<div class=\"dn-box dn-tensor\"><div class=\"dn-head\"><b>Tensor</b> ")
          .Append(Html.Escape(t.Shape.ToString())).Append(" · ").Append(t.DType.Name()).Append(" · ").Append(Html.Escape(t.Device.ToString()));
        if (t.GradFn is not null) sb.Append(" · grad_fn ").Append(Html.Escape(t.GradFn.ToString()));
        else if (t.RequiresGrad) sb.Append(" · requires grad");
        sb.Append("</div>");
        var grid = new Grid(summary);
        if (t.Rank == 0)
            sb.Append("<table class=\"dn-table\"><tr><td>").Append(Html.Escape(summary.Cells[0])).Append("</td></tr></table>");
        else if (t.Size == 0)
            sb.Append("<div class=\"dn-slice\">(empty)</div>");
        else if (t.Rank <= 2)
            AppendMatrix(sb, grid, []);
        else
            AppendSlices(sb, grid, 0, new int[t.Rank - 2]);
        return sb.Append("</div>").ToString();
    }

    private static void AppendSlices(StringBuilder sb, Grid grid, int axis, int[] lead)
    {
        if (axis == lead.Length)
        {
            sb.Append("<div class=\"dn-slice\">[").Append(string.Join(", ", lead.Select((p, a) => grid.Index(a, p)))).Append(", :, :]</div>");
            AppendMatrix(sb, grid, lead);
            return;
        }
        for (int p = 0; p < grid.Length(axis); p++)
        {
            if (grid.GapBefore(axis, p)) sb.Append("<div class=\"dn-slice\">…</div>");
            lead[axis] = p;
            AppendSlices(sb, grid, axis + 1, lead);
        }
    }

    /// <summary>The last two axes as a table with index headers; "…" columns and "⋮" rows mark the gaps.</summary>
    private static void AppendMatrix(StringBuilder sb, Grid grid, int[] lead)
    {
        int rank = grid.Rank;
        int rowAxis = rank - 2, colAxis = rank - 1;
        int rows = rank == 1 ? 1 : grid.Length(rowAxis);
        int cols = grid.Length(colAxis);
        var position = new int[rank];
        lead.CopyTo(position, 0);
        sb.Append("<table class=\"dn-table\"><tr><th></th>");
        for (int c = 0; c < cols; c++)
        {
            if (grid.GapBefore(colAxis, c)) sb.Append("<th class=\"dn-ell\">…</th>");
            sb.Append("<th>").Append(grid.Index(colAxis, c)).Append("</th>");
        }
        sb.Append("</tr>");
        for (int r = 0; r < rows; r++)
        {
            if (rank >= 2 && grid.GapBefore(rowAxis, r))
            {
                sb.Append("<tr><th class=\"dn-ell\">⋮</th>");
                for (int c = 0; c < cols; c++)
                {
                    if (grid.GapBefore(colAxis, c)) sb.Append("<td class=\"dn-ell\">⋱</td>");
                    sb.Append("<td class=\"dn-ell\">⋮</td>");
                }
                sb.Append("</tr>");
            }
            sb.Append("<tr><th>").Append(rank == 1 ? "" : grid.Index(rowAxis, r).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</th>");
            if (rank >= 2) position[rowAxis] = r;
            for (int c = 0; c < cols; c++)
            {
                if (grid.GapBefore(colAxis, c)) sb.Append("<td class=\"dn-ell\">…</td>");
                position[colAxis] = c;
                sb.Append("<td>").Append(Html.Escape(grid.Cell(position))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table>");
    }

    /// <summary>Positions in the summary's grid: kept indices per axis, the gap after the leading edge items, cells row-major.</summary>
    private sealed class Grid(TensorSummary summary)
    {
        private readonly int[] strides = Shape.ContiguousStrides(summary.Indices.Select(l => l.Count).ToArray());

        public int Rank => summary.Indices.Count;
        public int Length(int axis) => summary.Indices[axis].Count;
        public int Index(int axis, int position) => summary.Indices[axis][position];

        /// <summary>True where kept indices jump (the elided middle of a summarized axis).</summary>
        public bool GapBefore(int axis, int position) =>
            position > 0 && summary.Elided[axis] && summary.Indices[axis][position] != summary.Indices[axis][position - 1] + 1;

        public string Cell(int[] position)
        {
            int flat = 0;
            for (int a = 0; a < position.Length; a++) flat += position[a] * strides[a];
            return summary.Cells[flat];
        }
    }
}
