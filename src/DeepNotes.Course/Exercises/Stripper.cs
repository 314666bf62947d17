using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DeepNotes.Course.Exercises;

/// <summary>
/// Turns a solution notebook into the learner's version: every region between <c>// START CODE HERE</c> and
/// <c>// END CODE HERE</c> becomes <c>throw new NotImplementedException();</c>, the marker lines (with the
/// course's "≈ N lines" hint) stay, and outputs are cleared. Solutions declare the variables that code after a
/// region uses before the START marker (the course's "w = None" placeholders), so the stripped cell still compiles.
/// </summary>
public static partial class Stripper
{
    public const string StartMarker = "// START CODE HERE";
    public const string EndMarker = "// END CODE HERE";
    public const string Stub = "throw new NotImplementedException();";

    [GeneratedRegex(@"≈\s*\d+\s*lines?(\s+of\s+code)?", RegexOptions.IgnoreCase)]
    private static partial Regex HintPattern();

    /// <summary>Strips one C# source: returns it with every marked region replaced by the stub.</summary>
    public static string StripCode(string code, string where = "code")
    {
        var newline = code.Contains("\r\n") ? "\r\n" : "\n";
        var lines = code.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var result = new List<string>(lines.Count);
        int? openLine = null;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            string trimmed = line.TrimStart();
            if (trimmed.StartsWith(StartMarker, StringComparison.Ordinal))
            {
                if (openLine is not null)
                    throw new FormatException($"{where}, line {i + 1}: \"{StartMarker}\" before the \"{EndMarker}\" of line {openLine + 1}'s region");
                openLine = i;
                result.Add(line);
                string indent = line[..(line.Length - trimmed.Length)];
                var hint = HintPattern().Match(trimmed);
                result.Add(indent + Stub + (hint.Success ? $" // {hint.Value}" : ""));
            }
            else if (trimmed.StartsWith(EndMarker, StringComparison.Ordinal))
            {
                if (openLine is null) throw new FormatException($"{where}, line {i + 1}: \"{EndMarker}\" without a \"{StartMarker}\"");
                openLine = null;
                result.Add(line);
            }
            else if (openLine is null)
            {
                result.Add(line);
            }
        }
        if (openLine is not null) throw new FormatException($"{where}, line {openLine + 1}: \"{StartMarker}\" is never closed by \"{EndMarker}\"");
        return string.Join(newline, result);
    }

    /// <summary>True when the source has at least one exercise region.</summary>
    public static bool HasExercise(string code) => code.Contains(StartMarker, StringComparison.Ordinal);

    /// <summary>Strips every code cell of an .ipynb document (JSON text) and clears outputs and execution counts.</summary>
    public static string StripNotebook(string ipynbJson, string name = "notebook")
    {
        var root = JsonNode.Parse(ipynbJson) as JsonObject ?? throw new FormatException($"{name}: not a notebook (expected a JSON object)");
        var cells = root["cells"] as JsonArray ?? throw new FormatException($"{name}: no \"cells\" array");
        for (int c = 0; c < cells.Count; c++)
        {
            if (cells[c] is not JsonObject cell || (string?)cell["cell_type"] != "code") continue;
            string source = ReadSource(cell["source"]);
            if (HasExercise(source) || source.Contains(EndMarker, StringComparison.Ordinal))
                cell["source"] = WriteSource(StripCode(source, $"{name}, cell {c + 1}"));
            cell["outputs"] = new JsonArray();
            cell["execution_count"] = null;
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>Strips a notebook file into a directory (same file name); the file is written atomically.</summary>
    public static string StripFile(string inputPath, string outputDirectory)
    {
        var text = File.ReadAllText(inputPath);
        var stripped = StripNotebook(text, Path.GetFileName(inputPath));
        Directory.CreateDirectory(outputDirectory);
        var target = Path.Combine(outputDirectory, Path.GetFileName(inputPath));
        if (Path.GetFullPath(target) == Path.GetFullPath(inputPath))
            throw new IOException($"strip: refusing to overwrite the solution notebook {inputPath}; choose another output folder");
        var tmp = target + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(tmp, stripped, new UTF8Encoding(false));
        File.Move(tmp, target, overwrite: true);
        return target;
    }

    /// <summary>Jupyter stores source as one string or as a list of lines (each but the last ending in \n).</summary>
    internal static string ReadSource(JsonNode? node) => node switch
    {
        null => "",
        JsonArray parts => string.Concat(parts.Select(p => (string?)p ?? "")),
        _ => (string?)node ?? "",
    };

    internal static JsonArray WriteSource(string source)
    {
        var array = new JsonArray();
        var lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (i == lines.Length - 1 && lines[i].Length == 0) break;
            array.Add(i < lines.Length - 1 ? lines[i] + "\n" : lines[i]);
        }
        return array;
    }
}
