using System.Text.Json.Nodes;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace DeepNotes.Plotting;

/// <summary>
/// Builds Plotly figures with Plotly.NET.CSharp and returns them as figure JSON ({"data": [...], "layout": {...}}).
/// Called by reflection from another AssemblyLoadContext, so every parameter and result is a string, a number
/// or an array of them: no F# or Plotly type ever crosses over.
/// </summary>
public static class ChartBridge
{
    /// <summary>The plotly.js bundle embedded in Plotly.NET.dll.</summary>
    public static string PlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().First(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The plotly.js version of the embedded bundle, e.g. "2.28.0".</summary>
    public static string PlotlyJsVersion()
    {
        var name = typeof(GenericChart).Assembly.GetManifestResourceNames().First(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal));
        return name["Plotly.NET.plotly-".Length..^".min.js".Length];
    }

    /// <summary>One line per series (xs[i], ys[i]); markers when showMarkers.</summary>
    public static string Lines(double[][] xs, double[][] ys, string[] names, bool showMarkers,
        string title, string xTitle, string yTitle, bool logY)
    {
        var traces = new List<GenericChart>();
        for (int i = 0; i < ys.Length; i++)
            traces.Add(Chart.Line<double, double, string>(x: xs[i], y: ys[i], Name: names[i], ShowMarkers: showMarkers));
        var chart = Chart.Combine(traces);
        return Finish(chart, title, xTitle, yTitle, figure =>
        {
            if (logY) ((JsonObject)figure["layout"]!["yaxis"]!)["type"] = "log";
        });
    }

    /// <summary>Markers grouped by label: one trace per distinct label so the legend names the classes.</summary>
    public static string Scatter(double[] x, double[] y, string[] labels, string title, string xTitle, string yTitle)
    {
        var traces = Groups(x, y, labels).Select(g => Chart.Point<double, double, string>(x: g.X, y: g.Y, Name: g.Label)).ToList();
        return Finish(Chart.Combine(traces), title, xTitle, yTitle);
    }

    /// <summary>A filled contour of the model's prediction over a grid with the data points on top.</summary>
    public static string DecisionBoundary(double[] gridX, double[] gridY, double[][] z, double[] x, double[] y, string[] labels, string title)
    {
        var contour = Chart.Contour<double, double, double, string>(
            zData: z, X: gridX, Y: gridY, ShowScale: false, Opacity: 0.55);
        var traces = new List<GenericChart> { contour };
        traces.AddRange(Groups(x, y, labels).Select(g => Chart.Point<double, double, string>(x: g.X, y: g.Y, Name: g.Label)));
        return Finish(Chart.Combine(traces), title, "x₁", "x₂", figure =>
        {
            // Regions in light tints of the colours of the points of the same class (first class blue, second red).
            var data = figure["data"]!.AsArray();
            data[0]!["colorscale"] = new JsonArray(new JsonArray(0, "#c6dbef"), new JsonArray(1, "#fcbba1"));
            for (int i = 1; i < data.Count; i++)
                data[i]!["marker"] = new JsonObject
                {
                    ["size"] = 7,
                    ["color"] = PointColors[(i - 1) % PointColors.Length],
                    ["line"] = new JsonObject { ["width"] = 1, ["color"] = "black" },
                };
        });
    }

    /// <summary>A heatmap of z (rows × columns) with optional category labels; annotated cells when small.</summary>
    public static string Heatmap(double[][] z, string[] xLabels, string[] yLabels, string colorScale, bool reverseY,
        string title, string xTitle, string yTitle)
    {
        var chart = Chart.Heatmap<double, string, string, string>(zData: z, X: xLabels, Y: yLabels, ReverseYAxis: reverseY);
        return Finish(chart, title, xTitle, yTitle, figure => figure["data"]![0]!["colorscale"] = colorScale);
    }

    /// <summary>A heatmap with numeric axes (time × frequency), for spectrograms.</summary>
    public static string Spectrogram(double[][] z, double[] times, double[] frequencies, string title)
    {
        var chart = Chart.Heatmap<double, double, double, string>(zData: z, X: times, Y: frequencies);
        return Finish(chart, title, "time", "frequency", figure => figure["data"]![0]!["colorscale"] = "Viridis");
    }

    /// <summary>
    /// Serialises with Plotly.NET, then sets titles and styles on the JSON: the F#-style optional parameters
    /// of Plotly.NET's layout helpers are awkward from C#, and JSON edits are exact.
    /// </summary>
    private static string Finish(GenericChart chart, string title, string xTitle, string yTitle, Action<JsonObject>? edit = null)
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        var layout = figure["layout"] as JsonObject ?? new JsonObject();
        figure["layout"] = layout;
        if (title.Length > 0) layout["title"] = new JsonObject { ["text"] = title };
        layout["xaxis"] = Axis(layout["xaxis"], xTitle);
        layout["yaxis"] = Axis(layout["yaxis"], yTitle);
        layout["margin"] = new JsonObject { ["l"] = 60, ["r"] = 20, ["t"] = title.Length > 0 ? 50 : 20, ["b"] = 50 };
        edit?.Invoke(figure);
        return figure.ToJsonString();
    }

    private static JsonObject Axis(JsonNode? existing, string axisTitle)
    {
        var axis = existing as JsonObject ?? new JsonObject();
        if (axisTitle.Length > 0) axis["title"] = new JsonObject { ["text"] = axisTitle };
        return axis;
    }

    private static readonly string[] PointColors = ["#2166ac", "#b2182b", "#1b7837", "#762a83", "#e08214"];

    /// <summary>Points split by label, labels in sorted order so class 0 always gets the first colour.</summary>
    private static IEnumerable<(string Label, double[] X, double[] Y)> Groups(double[] x, double[] y, string[] labels)
    {
        var order = new List<string>();
        var map = new Dictionary<string, (List<double> X, List<double> Y)>();
        for (int i = 0; i < x.Length; i++)
        {
            var label = labels.Length == 0 ? "data" : labels[i];
            if (!map.TryGetValue(label, out var g))
            {
                g = ([], []);
                map[label] = g;
                order.Add(label);
            }
            g.X.Add(x[i]);
            g.Y.Add(y[i]);
        }
        return order.Order(StringComparer.Ordinal).Select(l => (l, map[l].X.ToArray(), map[l].Y.ToArray()));
    }
}
