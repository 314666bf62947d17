using System.Text;

namespace DeepNotes.Models;

/// <summary>What Fit returns: per-epoch values of the loss, metrics and validation entries (Keras history.history).</summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> values = [];

    /// <summary>Per-epoch values by name ("loss", "accuracy", "val_loss"...).</summary>
    public IReadOnlyDictionary<string, List<double>> Values => values;

    /// <summary>The epochs run (0-based).</summary>
    public List<int> Epochs { get; } = [];

    /// <summary>The values of one entry; throws with the available names when missing.</summary>
    public IReadOnlyList<double> this[string name] => values.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"History: no entry '{name}' (have: {string.Join(", ", values.Keys)})");

    internal void Record(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        Epochs.Add(epoch);
        foreach (var (k, v) in logs)
        {
            if (!values.TryGetValue(k, out var list)) values[k] = list = [];
            list.Add(v);
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Epochs.Count; i++)
            sb.AppendLine($"epoch {Epochs[i] + 1}: " + string.Join(" - ", values.Select(kv => $"{kv.Key}: {(i < kv.Value.Count ? kv.Value[i] : double.NaN):F4}")));
        return sb.ToString();
    }
}

/// <summary>The loss and metrics from Evaluate, by position (loss first, like Keras's list) or by name.</summary>
public sealed class EvaluationResult(IReadOnlyList<string> names, IReadOnlyList<double> values) : IReadOnlyList<double>
{
    public IReadOnlyList<string> Names { get; } = names;

    public double Loss => values[0];

    public double this[int index] => values[index];

    public double this[string name]
    {
        get
        {
            int i = Names.ToList().IndexOf(name);
            return i >= 0 ? values[i] : throw new KeyNotFoundException($"Evaluate: no value '{name}' (have: {string.Join(", ", Names)})");
        }
    }

    public int Count => values.Count;
    public IEnumerator<double> GetEnumerator() => values.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(" - ", Names.Zip(values, (n, v) => $"{n}: {v:F4}"));
}
