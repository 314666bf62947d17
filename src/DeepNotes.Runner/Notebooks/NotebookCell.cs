using System.Text.Json.Nodes;

namespace DeepNotes.Runner.Notebooks;

/// <summary>One cell: its 1-based number, kind, kernel language, source and tags, with its outputs written back into the JSON.</summary>
public sealed class NotebookCell(JsonObject json, int number, string cellType, string language, string source, string[] tags)
{
    public int Number { get; } = number;
    public string CellType { get; } = cellType;
    public string Language { get; } = language;
    public string Source { get; set; } = source;
    public IReadOnlyList<string> Tags { get; } = tags;
    public bool IsCode => CellType == "code";

    /// <summary>Stores the (possibly parameterized) source back in the JSON.</summary>
    public void WriteSource() => json["source"] = Source;

    public void SetOutputs(JsonArray outputs, int? executionCount)
    {
        json["outputs"] = outputs;
        json["execution_count"] = executionCount;
    }
}
