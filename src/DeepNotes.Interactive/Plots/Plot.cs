using System.Globalization;
using DeepNotes.Interactive.Formatters;

namespace DeepNotes.Interactive.Plots;

/// <summary>
/// One call per course chart. Each returns a <see cref="PlotlyChart"/> (or HTML for image grids) that a notebook
/// displays as an interactive, offline Plotly chart; the runner stores the same HTML in the executed notebook.
/// </summary>
public static class Plot
{
    /// <summary>A line of y against its index (0, 1, 2 …).</summary>
    public static PlotlyChart Line(IEnumerable<double> y, string title = "", string xTitle = "", string yTitle = "", string name = "y")
    {
        var ys = y.ToArray();
        return Lines([Index(ys.Length, 1)], [ys], [name], title, xTitle, yTitle);
    }

    /// <summary>A line of y against x.</summary>
    public static PlotlyChart Line(IEnumerable<double> x, IEnumerable<double> y, string title = "", string xTitle = "", string yTitle = "", string name = "y")
    {
        var xs = x.ToArray();
        var ys = y.ToArray();
        if (xs.Length != ys.Length) throw new ArgumentException($"Plot.Line: x has {xs.Length} values and y has {ys.Length}");
        return Lines([xs], [ys], [name], title, xTitle, yTitle);
    }

    /// <summary>Several named lines against their index (e.g. "train" and "validation" accuracy, sampled sequences).</summary>
    public static PlotlyChart Lines(IReadOnlyDictionary<string, double[]> series, string title = "", string xTitle = "", string yTitle = "")
    {
        if (series.Count == 0) throw new ArgumentException("Plot.Lines: no series given");
        return Lines(series.Values.Select(v => Index(v.Length, 1)).ToArray(), series.Values.ToArray(), series.Keys.ToArray(), title, xTitle, yTitle);
    }

    /// <summary>
    /// The course's cost curve: costs recorded every <paramref name="every"/> iterations (the assignments record
    /// every 100), plotted against the iteration number, log scale optional.
    /// </summary>
    public static PlotlyChart Costs(IEnumerable<double> costs, int every = 1, string title = "Cost", bool logScale = false, double? learningRate = null)
    {
        if (every <= 0) throw new ArgumentOutOfRangeException(nameof(every), $"Plot.Costs: every must be positive, got {every}");
        var ys = costs.ToArray();
        if (ys.Length == 0) throw new ArgumentException("Plot.Costs: no costs to plot");
        var t = learningRate is { } lr ? $"{title} (learning rate = {lr.ToString("G4", CultureInfo.InvariantCulture)})" : title;
        return Lines([Index(ys.Length, every)], [ys], ["cost"], t, "iteration", "cost", logScale);
    }

    /// <summary>Cost and metric curves from a training history: one line per named series (cost, accuracy …) against the epoch.</summary>
    public static PlotlyChart History(IReadOnlyDictionary<string, IReadOnlyList<double>> history, string title = "Training history")
    {
        if (history.Count == 0) throw new ArgumentException("Plot.History: the history has no series");
        var names = history.Keys.ToArray();
        var ys = names.Select(n => history[n].ToArray()).ToArray();
        return Lines(ys.Select(y => Index(y.Length, 1, start: 1)).ToArray(), ys, names, title, "epoch", "");
    }

    /// <summary>The curves of a Fit history (loss as "cost", accuracy, val_ entries) against the epoch.</summary>
    public static PlotlyChart History(Models.History history, string title = "Training history") =>
        History(history.Values.ToDictionary(kv => kv.Key == "loss" ? "cost" : kv.Key, kv => (IReadOnlyList<double>)kv.Value), title);

    /// <summary>The cost curve of a Fit history ("loss").</summary>
    public static PlotlyChart Costs(Models.History history, string title = "Cost") =>
        Costs(history["loss"], every: 1, title: title);

    /// <summary>Points coloured by label: X is (2, m) and Y is (1, m) as in the course, or Y null for one colour.</summary>
    public static PlotlyChart Scatter(Tensor X, Tensor? Y = null, string title = "", string xTitle = "x₁", string yTitle = "x₂")
    {
        var (x0, x1) = Rows2(X, "Plot.Scatter");
        return Scatter(x0, x1, Labels(Y, x0.Length, "Plot.Scatter"), title, xTitle, yTitle);
    }

    /// <summary>Points (x[i], y[i]) coloured by their label.</summary>
    public static PlotlyChart Scatter(double[] x, double[] y, string[]? labels = null, string title = "", string xTitle = "", string yTitle = "")
    {
        if (x.Length != y.Length) throw new ArgumentException($"Plot.Scatter: x has {x.Length} values and y has {y.Length}");
        if (labels is not null && labels.Length != x.Length) throw new ArgumentException($"Plot.Scatter: {labels.Length} labels for {x.Length} points");
        var json = (string)PlotlyRuntime.Call("Scatter", x, y, labels ?? [], title, xTitle, yTitle);
        return new PlotlyChart(json);
    }

    /// <summary>
    /// The planar/moons decision boundary: evaluates <paramref name="predict"/> on a grid covering X (2, m) with a
    /// margin of 1 (in one batched call, grid points as columns) and draws the predicted class under the data,
    /// coloured by Y (1, m).
    /// </summary>
    public static PlotlyChart DecisionBoundary(Func<Tensor, Tensor> predict, Tensor X, Tensor Y, int resolution = 150, string title = "Decision boundary")
    {
        ArgumentNullException.ThrowIfNull(predict);
        if (resolution < 2) throw new ArgumentOutOfRangeException(nameof(resolution), $"Plot.DecisionBoundary: resolution must be at least 2, got {resolution}");
        var (x0, x1) = Rows2(X, "Plot.DecisionBoundary");
        var labels = Labels(Y, x0.Length, "Plot.DecisionBoundary");
        double xMin = x0.Min() - 1, xMax = x0.Max() + 1, yMin = x1.Min() - 1, yMax = x1.Max() + 1;
        var gx = Grid(xMin, xMax, resolution);
        var gy = Grid(yMin, yMax, resolution);
        var points = new double[2 * resolution * resolution];
        int n = resolution * resolution;
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
            {
                points[i * resolution + j] = gx[j];
                points[n + i * resolution + j] = gy[i];
            }
        var grid = Tensor.FromArray(points, 2, n).AsType(X.DType);
        Tensor z;
        using (Tensor.NoGrad()) z = predict(grid);
        if (z.Size != n)
            throw new ArgumentException($"Plot.DecisionBoundary: predict returned shape {z.Shape} for {n} grid points; expected (1, {n})");
        var flat = z.ToArray();
        var zz = new double[resolution][];
        for (int i = 0; i < resolution; i++) zz[i] = flat.AsSpan(i * resolution, resolution).ToArray();
        var json = (string)PlotlyRuntime.Call("DecisionBoundary", gx, gy, zz, x0, x1, labels, title);
        return new PlotlyChart(json, 600, 500);
    }

    /// <summary>A grid of images with labels and (red when wrong) predictions, e.g. mislabeled examples.</summary>
    public static HtmlFragment ImageGrid(Tensor images, IReadOnlyList<string>? labels = null, IReadOnlyList<string>? predictions = null, int columns = 8, int scale = 2) =>
        Images.Grid(images, labels, predictions, columns, scale);

    /// <summary>A heatmap of a matrix (confusion matrix, attention weights, similarities); row 0 on top.</summary>
    public static PlotlyChart Heatmap(Tensor matrix, IReadOnlyList<string>? xLabels = null, IReadOnlyList<string>? yLabels = null,
        string title = "", string xTitle = "", string yTitle = "", string colorScale = "Blues")
    {
        var z = Rows(matrix, "Plot.Heatmap");
        int cols = z.Length == 0 ? 0 : z[0].Length;
        var xs = xLabels?.ToArray() ?? Enumerable.Range(0, cols).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var ys = yLabels?.ToArray() ?? Enumerable.Range(0, z.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (xs.Length != cols) throw new ArgumentException($"Plot.Heatmap: {xs.Length} x labels for {cols} columns");
        if (ys.Length != z.Length) throw new ArgumentException($"Plot.Heatmap: {ys.Length} y labels for {z.Length} rows");
        var json = (string)PlotlyRuntime.Call("Heatmap", z, xs, ys, colorScale, true, title, xTitle, yTitle);
        return new PlotlyChart(json, Math.Clamp(120 + 40 * cols, 400, 900), Math.Clamp(100 + 40 * z.Length, 300, 800));
    }

    /// <summary>A spectrogram: power (frequencies × time frames), with optional axis values (seconds, Hz).</summary>
    public static PlotlyChart Spectrogram(Tensor power, double[]? times = null, double[]? frequencies = null, string title = "Spectrogram")
    {
        var z = Rows(power, "Plot.Spectrogram");
        int frames = z.Length == 0 ? 0 : z[0].Length;
        times ??= Index(frames, 1);
        frequencies ??= Index(z.Length, 1);
        if (times.Length != frames) throw new ArgumentException($"Plot.Spectrogram: {times.Length} times for {frames} frames");
        if (frequencies.Length != z.Length) throw new ArgumentException($"Plot.Spectrogram: {frequencies.Length} frequencies for {z.Length} rows");
        var json = (string)PlotlyRuntime.Call("Spectrogram", z, times, frequencies, title);
        return new PlotlyChart(json, 800, 400);
    }

    private static PlotlyChart Lines(double[][] xs, double[][] ys, string[] names, string title, string xTitle, string yTitle, bool logY = false)
    {
        var json = (string)PlotlyRuntime.Call("Lines", xs, ys, names, ys.All(y => y.Length <= 30), title, xTitle, yTitle, logY);
        return new PlotlyChart(json);
    }

    private static double[] Index(int n, int every, int start = 0) => Enumerable.Range(0, n).Select(i => (double)(start + i) * every).ToArray();

    private static double[] Grid(double min, double max, int n) =>
        Enumerable.Range(0, n).Select(i => min + (max - min) * i / (n - 1)).ToArray();

    private static (double[] X0, double[] X1) Rows2(Tensor X, string op)
    {
        if (X.Rank != 2 || X.Shape[0] != 2)
            throw new ArgumentException($"{op}: X must have shape (2, m) (features as rows, examples as columns), got {X.Shape}");
        var rows = Rows(X, op);
        return (rows[0], rows[1]);
    }

    private static string[] Labels(Tensor? Y, int m, string op)
    {
        if (Y is null) return [];
        if (Y.Size != m) throw new ArgumentException($"{op}: Y has shape {Y.Shape}; expected (1, {m}) labels, one per column of X");
        return Y.ToArray().Select(v => "class " + v.ToString("G4", CultureInfo.InvariantCulture)).ToArray();
    }

    private static double[][] Rows(Tensor matrix, string op)
    {
        if (matrix.Rank != 2) throw new ArgumentException($"{op}: expected a 2-D tensor, got shape {matrix.Shape}");
        int r = matrix.Shape[0], c = matrix.Shape[1];
        var flat = matrix.Contiguous().ToArray();
        return Enumerable.Range(0, r).Select(i => flat.AsSpan(i * c, c).ToArray()).ToArray();
    }
}
