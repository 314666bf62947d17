using System.Text.Json.Nodes;

namespace DeepNotes.Interactive.Plots;

/// <summary>
/// A Plotly figure (JSON) ready to display. Displayed in a notebook it becomes a div + script; the first chart
/// of a kernel session also carries plotly.js itself so the saved notebook renders offline.
/// </summary>
public sealed class PlotlyChart
{
    private static int injected;

    public PlotlyChart(string figureJson, int width = 700, int height = 450)
    {
        FigureJson = figureJson;
        Width = width;
        Height = height;
        Id = "dn-plot-" + Guid.NewGuid().ToString("N")[..12];
    }

    /// <summary>The figure as Plotly JSON: {"data": [...], "layout": {...}}.</summary>
    public string FigureJson { get; }
    public int Width { get; }
    public int Height { get; }
    public string Id { get; }

    /// <summary>The chart title from the layout, if any.</summary>
    public string Title => (JsonNode.Parse(FigureJson)?["layout"]?["title"]?["text"]?.GetValue<string>()) ?? "";

    /// <summary>Number of traces in the figure.</summary>
    public int TraceCount => JsonNode.Parse(FigureJson)?["data"]?.AsArray().Count ?? 0;

    /// <summary>The div + script for this chart, without plotly.js.</summary>
    public string ToChartHtml() => PlotlyHtml.Chart(FigureJson, Id, Width, Height);

    /// <summary>HTML for display: plotly.js once per session (see <see cref="ResetInjection"/>), then the chart.</summary>
    public string ToHtml()
    {
        bool first = Interlocked.Exchange(ref injected, 1) == 0;
        return (first ? PlotlyHtml.InjectionScript(PlotlyRuntime.PlotlyJs) : "") + ToChartHtml();
    }

    /// <summary>Makes the next chart carry plotly.js again (a new kernel session, e.g. the runner's next notebook).</summary>
    public static void ResetInjection() => Interlocked.Exchange(ref injected, 0);

    public override string ToString() => $"PlotlyChart \"{Title}\" ({TraceCount} traces)";
}
