using System.Text.RegularExpressions;

namespace DeepNotes.NN;

/// <summary>
/// Keras-style unique layer names: the first Dense is "dense", then "dense_1", "dense_2"...
/// <see cref="Reset"/> restarts the counters (Keras's clear_session), handy at the top of a notebook cell.
/// </summary>
public static partial class LayerNames
{
    private static readonly Dictionary<string, int> Counters = [];
    private static readonly Lock Gate = new();

    /// <summary>A fresh unique name from a base name such as "dense".</summary>
    public static string Unique(string baseName)
    {
        lock (Gate)
        {
            Counters.TryGetValue(baseName, out int n);
            Counters[baseName] = n + 1;
            return n == 0 ? baseName : $"{baseName}_{n}";
        }
    }

    /// <summary>Forgets all counters.</summary>
    public static void Reset()
    {
        lock (Gate) Counters.Clear();
    }

    /// <summary>Keras's snake case of a class name: BatchNormalization → batch_normalization, Conv2D → conv2d.</summary>
    public static string ToSnakeCase(string typeName)
    {
        int tick = typeName.IndexOf('`');
        if (tick >= 0) typeName = typeName[..tick];
        var s = CapitalWord().Replace(typeName, "$1_$2");
        return LowerUpper().Replace(s, "$1_$2").ToLowerInvariant();
    }

    [GeneratedRegex("(.)([A-Z][a-z]+)")]
    private static partial Regex CapitalWord();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerUpper();
}
