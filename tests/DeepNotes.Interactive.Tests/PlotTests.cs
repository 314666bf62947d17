using System.Runtime.Loader;
using System.Text.Json.Nodes;
using DeepNotes.Interactive.Plots;

namespace DeepNotes.Interactive.Tests;

public class PlotTests
{
    [Fact]
    public void Costs_builds_a_plotly_line_with_titles()
    {
        var chart = Plot.Costs([0.7, 0.5, 0.4], every: 100, learningRate: 0.0075);
        var figure = JsonNode.Parse(chart.FigureJson)!;
        var trace = figure["data"]![0]!;
        Assert.Equal("scatter", trace["type"]!.GetValue<string>());
        Assert.Equal([0.0, 100.0, 200.0], trace["x"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal("Cost (learning rate = 0.0075)", chart.Title);
        Assert.Equal("cost", figure["layout"]!["yaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Plotly_runs_in_its_own_load_context_with_its_own_FSharp_Core()
    {
        _ = Plot.Line([1.0, 2.0, 3.0]);
        var plotting = AssemblyLoadContext.All.Single(c => c.Name == "DeepNotes.Plotting");
        Assert.Contains(plotting.Assemblies, a => a.GetName().Name == "Plotly.NET");
        Assert.Contains(plotting.Assemblies, a => a.GetName().Name == "FSharp.Core" && a.GetName().Version >= new Version(10, 1));
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name is "Plotly.NET" or "Plotly.NET.CSharp");
    }

    [Fact]
    public void Decision_boundary_evaluates_the_model_on_a_grid_in_one_batch()
    {
        var X = Tensor.FromArray(new double[,] { { 0, 1, 2, 3 }, { 0, 1, 0, 1 } });
        var Y = Tensor.FromArray(new double[,] { { 0, 1, 0, 1 } });
        int calls = 0;
        var chart = Plot.DecisionBoundary(g => { calls++; Assert.Equal(new Shape(2, 400), g.Shape); return (g[1..2, ..] - 0.5).Sign(); }, X, Y, resolution: 20);
        Assert.Equal(1, calls);
        var data = JsonNode.Parse(chart.FigureJson)!["data"]!.AsArray();
        Assert.Equal("contour", data[0]!["type"]!.GetValue<string>());
        Assert.Equal(["class 0", "class 1"], data.Skip(1).Select(t => t!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Heatmap_and_spectrogram_check_their_labels()
    {
        var m = Np.Arange(0, 4).Reshape(2, 2);
        var chart = Plot.Heatmap(m, ["a", "b"], ["r0", "r1"], title: "confusion");
        Assert.Equal("heatmap", JsonNode.Parse(chart.FigureJson)!["data"]![0]!["type"]!.GetValue<string>());
        Assert.Contains("3 x labels for 2 columns", Assert.Throws<ArgumentException>(() => Plot.Heatmap(m, ["a", "b", "c"])).Message);
        Assert.Contains("expected a 2-D tensor", Assert.Throws<ArgumentException>(() => Plot.Spectrogram(Np.Ones(3))).Message);
        Assert.Contains("X must have shape (2, m)", Assert.Throws<ArgumentException>(() => Plot.Scatter(Np.Ones(3, 4))).Message);
    }

    [Fact]
    public void Chart_html_waits_for_plotly_and_escapes_script_ends()
    {
        var html = PlotlyHtml.Chart("{\"data\":[{\"name\":\"</script>\"}]}", "dn-plot-x", 300, 200);
        Assert.Contains("<div id=\"dn-plot-x\"", html);
        Assert.Contains("if (window.Plotly) { draw(); } else", html);
        Assert.Contains("<\\/script>", html);
        Assert.Single(html.Split("</script>"), part => part.Length > 0 && !part.Contains("<script"));
    }

    [Fact]
    public void Injection_shadows_AMD_loaders()
    {
        var js = PlotlyHtml.InjectionScript("window.Plotly = {};");
        Assert.Contains("var define = undefined, module = undefined, exports = undefined;", js);
        Assert.Contains("if (window.Plotly) return;", js);
    }
}
