using System.Text;

namespace DeepNotes.Interactive.Formatters;

/// <summary>Grading results as a green/red table (pure: rows in, HTML out).</summary>
public static class GradeFormatter
{
    public static string ToHtml(string title, IReadOnlyList<GradeRow> rows)
    {
        int passed = rows.Count(r => r.Passed);
        bool all = rows.Count > 0 && passed == rows.Count;
        var sb = new StringBuilder(Html.TableStyle);
        sb.Append("<div class=\"dn-box dn-grade\"><div class=\"dn-head\"><b>").Append(Html.Escape(title)).Append("</b>: ")
          .Append("<span style=\"color:").Append(all ? "#1a7f37" : "#c62828").Append(";font-weight:bold\">")
          .Append(passed).Append('/').Append(rows.Count).Append(" checks passed</span></div>");
        sb.Append("<table class=\"dn-table\"><tr><th class=\"dn-left\">function</th><th class=\"dn-left\">test</th><th>result</th><th class=\"dn-left\">message</th></tr>");
        foreach (var r in rows)
        {
            sb.Append("<tr class=\"").Append(r.Passed ? "dn-pass" : "dn-fail").Append("\"><td class=\"dn-left\">").Append(Html.Escape(r.Function))
              .Append("</td><td class=\"dn-left\">").Append(Html.Escape(r.Test)).Append("</td><td class=\"")
              .Append(r.Passed ? "dn-ok\">✔ pass" : "dn-bad\">✘ fail").Append("</td><td class=\"dn-left\">")
              .Append(Html.Escape(r.Message)).Append("</td></tr>");
        }
        return sb.Append("</table></div>").ToString();
    }
}
