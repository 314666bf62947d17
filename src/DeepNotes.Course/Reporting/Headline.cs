using System.Collections.Concurrent;
using System.Globalization;

namespace DeepNotes.Course.Reporting;

/// <summary>
/// The headline numbers a notebook produces (accuracies, costs). Each call prints one line and keeps the value,
/// so the runner's <c>--all</c> table can read every notebook's results after it ran.
/// </summary>
public static class Headline
{
    private static readonly ConcurrentDictionary<string, double> values = new();
    private static readonly ConcurrentQueue<(string Metric, double Value)> order = new();

    /// <summary>Prefix printed before each headline line, so runners can also find them in plain output.</summary>
    public const string Prefix = "[headline]";

    /// <summary>Records and prints a headline metric, e.g. <c>Headline.Report("train accuracy", 0.905)</c>.</summary>
    public static void Report(string metric, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        values[metric] = value;
        order.Enqueue((metric, value));
        Console.WriteLine($"{Prefix} {metric} = {value.ToString("G6", CultureInfo.InvariantCulture)}");
    }

    /// <summary>The latest value of every metric reported since the last <see cref="Clear"/>, in first-report order.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> All =>
        order.Select(e => e.Metric).Distinct().Select(m => new KeyValuePair<string, double>(m, values[m])).ToList();

    public static bool TryGet(string metric, out double value) => values.TryGetValue(metric, out value);

    /// <summary>Forgets all metrics (a runner calls this before each notebook).</summary>
    public static void Clear()
    {
        values.Clear();
        order.Clear();
    }
}
