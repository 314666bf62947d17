using System.Text.Json.Nodes;
using DeepNotes.Course.Exercises;
using DeepNotes.Course.Grading;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepNotes.Course.Tests;

/// <summary>
/// Runs a notebook's graded part in a C# script session, the way the kernel would: the cells tagged "setup",
/// "exercise" and "check" in order (magic and #r/#i lines dropped). Check cells return the GradeReport.
/// </summary>
internal static class NotebookScript
{
    public static readonly string[] GradedTags = ["setup", "exercise", "check"];

    public static string NotebookPath(string name) => Path.Combine(AppContext.BaseDirectory, "notebooks", name);

    public static IEnumerable<(int Index, string[] Tags, string Source)> CodeCells(string json)
    {
        var cells = JsonNode.Parse(json)!["cells"]!.AsArray();
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!;
            if ((string?)cell["cell_type"] != "code") continue;
            var tags = cell["metadata"]?["tags"]?.AsArray().Select(t => (string)t!).ToArray() ?? [];
            yield return (i, tags, Stripper.ReadSource(cell["source"]));
        }
    }

    /// <summary>
    /// Compiles the graded cells as one script (one compilation is much faster than one per cell): using
    /// directives are hoisted, and each check cell's expression is collected into the list the script returns.
    /// </summary>
    public static async Task<List<GradeReport>> RunGradedCells(string json)
    {
        var options = ScriptOptions.Default
            .AddReferences(typeof(Tensor).Assembly, typeof(Grade).Assembly)
            .AddImports("System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks")
            .WithEmitDebugInformation(false);
        var usings = new List<string>();
        var body = new System.Text.StringBuilder("var __reports = new List<DeepNotes.Course.Grading.GradeReport>();\n");
        foreach (var (index, tags, source) in CodeCells(json))
        {
            if (!tags.Any(GradedTags.Contains)) continue;
            var lines = source.Split('\n').Where(l => !l.TrimStart().StartsWith("#!") && !l.StartsWith("#r ") && !l.StartsWith("#i ")).ToList();
            usings.AddRange(lines.Where(l => l.StartsWith("using ") && l.TrimEnd().EndsWith(';')));
            var code = string.Join('\n', lines.Where(l => !(l.StartsWith("using ") && l.TrimEnd().EndsWith(';'))));
            body.Append($"// cell {index + 1}\n");
            body.Append(tags.Contains("check") ? $"__reports.Add({code.Trim().TrimEnd(';')});\n" : code + "\n");
        }
        var script = string.Join('\n', usings.Distinct()) + "\n" + body + "return __reports;\n";
        try
        {
            return await CSharpScript.EvaluateAsync<List<GradeReport>>(script, options);
        }
        catch (CompilationErrorException e)
        {
            throw new InvalidOperationException($"the graded cells do not compile:\n{string.Join("\n", e.Diagnostics)}\n---\n{script}");
        }
    }
}
