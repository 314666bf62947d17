using System.Globalization;
using System.Text;

namespace DeepNotes.Interactive.Formatters;

/// <summary>A gradient check as HTML: the course's relative difference, pass/fail, and the worst entries.</summary>
public static class GradCheckFormatter
{
    public static string ToHtml(GradientCheckResult r)
    {
        var sb = new StringBuilder(Html.TableStyle);
        sb.Append("<div class=\"dn-box dn-gradcheck\"><div class=\"dn-head\"><span style=\"color:").Append(r.Passed ? "#1a7f37" : "#c62828")
          .Append(";font-weight:bold\">").Append(r.Passed ? "✔ Gradient check passed" : "✘ Gradient check FAILED")
          .Append("</span>: difference = <b>").Append(G(r.Difference, "G6")).Append("</b> (threshold ").Append(G(r.Threshold, "G3"))
          .Append(", ε ").Append(G(r.Epsilon, "G3")).Append(", ").Append(r.Count).Append(" entries)</div>");
        if (r.WorstEntries.Count > 0)
        {
            sb.Append("<table class=\"dn-table\"><tr><th class=\"dn-left\">entry</th><th>analytic</th><th>numeric</th><th>|difference|</th></tr>");
            foreach (var e in r.WorstEntries)
                sb.Append("<tr><td class=\"dn-left\">").Append(Html.Escape(e.Location)).Append("</td><td>").Append(G(e.Analytic, "G10"))
                  .Append("</td><td>").Append(G(e.Numeric, "G10")).Append("</td><td>").Append(G(e.Difference, "G3")).Append("</td></tr>");
            sb.Append("</table>");
        }
        return sb.Append("</div>").ToString();
    }

    private static string G(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
