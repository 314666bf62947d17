using System.Text;
using DeepNotes.Models;

namespace DeepNotes.Interactive.Formatters;

/// <summary>A model summary as an HTML table (layer, type, output shape, parameters) with the totals.</summary>
public static class ModelFormatter
{
    public static string ToHtml(ModelSummary s)
    {
        var sb = new StringBuilder(Html.TableStyle);
        sb.Append("<div class=\"dn-box dn-model\"><div class=\"dn-head\"><b>").Append(Html.Escape(s.ModelName)).Append("</b> (")
          .Append(Html.Escape(s.ModelType)).Append(")</div><table class=\"dn-table\"><tr><th class=\"dn-left\">layer (type)</th>")
          .Append("<th class=\"dn-left\">output shape</th><th>params</th></tr>");
        foreach (var layer in s.Layers)
            sb.Append("<tr><td class=\"dn-left\">").Append(Html.Escape(layer.Name)).Append(" (").Append(Html.Escape(layer.Type)).Append(")</td><td class=\"dn-left\">")
              .Append(Html.Escape(layer.OutputShapeText)).Append("</td><td>").Append(layer.Params.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append("</td></tr>");
        sb.Append("</table><div class=\"dn-head\">Total params: <b>").Append(N(s.TotalParams)).Append("</b> · trainable ").Append(N(s.TrainableParams))
          .Append(" · non-trainable ").Append(N(s.NonTrainableParams)).Append("</div></div>");
        return sb.ToString();
    }

    private static string N(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
