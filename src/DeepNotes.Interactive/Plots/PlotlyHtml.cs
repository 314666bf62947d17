using System.Globalization;
using System.Text;

namespace DeepNotes.Interactive.Plots;

/// <summary>
/// Pure HTML builders for Plotly output: the one-time plotly.js injection and the per-chart div + script.
/// </summary>
public static class PlotlyHtml
{
    /// <summary>
    /// plotly.js wrapped so that an AMD loader on the page (require.js in classic Jupyter and exported HTML)
    /// cannot capture it: define/module/exports are shadowed inside the wrapper, so the bundle's UMD header
    /// falls through to setting window.Plotly. Skipped when Plotly is already there.
    /// </summary>
    public static string InjectionScript(string plotlyJs) =>
        "<script type=\"text/javascript\">\n/* plotly.js, bundled by DeepNotes (no CDN) */\n" +
        "(function(){ if (window.Plotly) return; var define = undefined, module = undefined, exports = undefined;\n" +
        EscapeScript(plotlyJs) +
        "\n}).call(window);\n</script>\n";

    /// <summary>
    /// A chart: a div and a script that waits for window.Plotly (in case the cell that injected it was
    /// cleared or runs later), then draws the figure.
    /// </summary>
    public static string Chart(string figureJson, string id, int width, int height)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<div id=\"{id}\" class=\"dn-plot\" style=\"width:{width}px;height:{height}px\"></div>\n");
        sb.Append("<script type=\"text/javascript\">\n(function(){\n");
        sb.Append("var figure = ").Append(EscapeScript(figureJson)).Append(";\n");
        sb.Append(CultureInfo.InvariantCulture, $"var draw = function(){{ window.Plotly.newPlot('{id}', figure.data, figure.layout || {{}}, {{displaylogo: false, responsive: true}}); }};\n");
        sb.Append("var tries = 0;\n(function wait(){ if (window.Plotly) { draw(); } else if (tries++ < 1200) { setTimeout(wait, 50); } })();\n");
        sb.Append("})();\n</script>\n");
        return sb.ToString();
    }

    /// <summary>"&lt;/script" inside inline JavaScript would end the script element; "&lt;\/" means the same to JS.</summary>
    internal static string EscapeScript(string js) => js.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
                                                        .Replace("<!--", "<\\!--", StringComparison.Ordinal);
}
