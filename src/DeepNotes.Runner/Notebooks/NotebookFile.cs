using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;

namespace DeepNotes.Runner.Notebooks;

/// <summary>
/// A notebook being executed. .ipynb files are kept as JSON so every field we do not touch (metadata, ids,
/// markdown) survives; .dib files are parsed with Microsoft.DotNet.Interactive.Documents and saved as .ipynb
/// (a .dib has nowhere to keep outputs).
/// </summary>
public sealed class NotebookFile
{
    private readonly JsonObject root;

    private NotebookFile(JsonObject root, List<NotebookCell> cells)
    {
        this.root = root;
        Cells = cells;
    }

    public IReadOnlyList<NotebookCell> Cells { get; }
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.IsCode);

    public static NotebookFile Load(string path)
    {
        var text = File.ReadAllText(path);
        return Path.GetExtension(path).Equals(".dib", StringComparison.OrdinalIgnoreCase) ? FromDib(text) : FromIpynb(text, path);
    }

    public static NotebookFile FromIpynb(string json, string path = "notebook")
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{path}: not a notebook (JSON object expected)");
        var cellsNode = root["cells"] as JsonArray ?? throw new InvalidDataException($"{path}: no \"cells\" array");
        var defaultLanguage = root["metadata"]?["polyglot_notebook"]?["defaultKernelName"]?.GetValue<string>()
                              ?? root["metadata"]?["kernelspec"]?["language"]?.GetValue<string>() ?? "csharp";
        var cells = new List<NotebookCell>();
        int index = 0;
        foreach (var node in cellsNode)
        {
            var cell = (JsonObject)node!;
            var type = cell["cell_type"]?.GetValue<string>() ?? "code";
            var language = cell["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>()
                           ?? cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>() ?? defaultLanguage;
            var tags = (cell["metadata"]?["tags"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToArray() ?? [];
            cells.Add(new NotebookCell(cell, ++index, type, NormalizeLanguage(language), ReadSource(cell["source"]), tags));
        }
        return new NotebookFile(root, cells);
    }

    public static NotebookFile FromDib(string text)
    {
        var kernels = new KernelInfoCollection { new KernelInfo("csharp", languageName: "C#", aliases: ["c#", "C#"]) };
        kernels.DefaultKernelName = "csharp";
        var document = CodeSubmission.Parse(text, kernels);
        var cellsNode = new JsonArray();
        foreach (var element in document.Elements)
        {
            bool markdown = element.KernelName is "markdown" or "md";
            var cell = new JsonObject
            {
                ["cell_type"] = markdown ? "markdown" : "code",
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = element.KernelName ?? "csharp" } },
                ["source"] = element.Contents,
            };
            if (!markdown)
            {
                cell["execution_count"] = null;
                cell["outputs"] = new JsonArray();
            }
            cellsNode.Add(cell);
        }
        var root = new JsonObject
        {
            ["cells"] = cellsNode,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject { ["defaultKernelName"] = "csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return FromIpynb(root.ToJsonString());
    }

    /// <summary>The notebook as nbformat-4 JSON (one-space indent, like Jupyter).</summary>
    public string ToJson()
    {
        var options = new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return root.ToJsonString(options) + "\n";
    }

    /// <summary>Writes atomically: a temporary file in the same folder, then a rename.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, ToJson(), new UTF8Encoding(false));
        File.Move(temp, full, overwrite: true);
    }

    private static string ReadSource(JsonNode? source) => source switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    private static string NormalizeLanguage(string language) => language.ToLowerInvariant() switch
    {
        "c#" or "csharp" or "cs" => "csharp",
        var other => other,
    };
}
