using System.Text.RegularExpressions;
using DeepNotes.Interactive;
using DeepNotes.Runner.Hosting;
using DeepNotes.Runner.Notebooks;

namespace DeepNotes.Runner.Commands;

/// <summary>What one notebook run produced (a row of the --all table).</summary>
public sealed record NotebookRunSummary(
    string Name, int CodeCells, int CellsRun, double Seconds, bool Failed, int? FailedCell, string? Error,
    (int Passed, int Total)? Checks, KeyValuePair<string, double>? Headline, string OutputPath);

/// <summary>
/// Runs one notebook in a fresh <see cref="NotebookKernel"/>. The first cell's package lines
/// (#i "nuget:FEED" and #r "nuget:DeepNotes.Interactive, V") are by default replaced by loading the extension
/// in-process from the runner's own build, so a notebook always runs against the current source without
/// packing first; --use-package keeps them and restores the package exactly as Jupyter does.
/// </summary>
public sealed partial class NotebookRunner(RunOptions options, TextWriter output)
{
    public async Task<NotebookRunSummary> RunAsync(string path, string outputPath)
    {
        var notebook = NotebookFile.Load(path);
        Parameters.Apply(notebook, options.Parameters);
        var name = Path.GetFileName(path);
        var codeCells = notebook.CodeCells.ToList();
        output.WriteLine($"▶ {name}: {codeCells.Count} code cells{(options.Parameters.Count > 0 ? " (parameters: " + string.Join(", ", options.Parameters.Select(p => $"{p.Key}={p.Value}")) + ")" : "")}");

        CourseBridge.ClearHeadlines();
        var gradingMark = CourseBridge.Mark();
        using var kernel = new NotebookKernel(loadExtensionInProcess: !options.UsePackage);
        if (kernel.Prelude is { } prelude) await prelude;
        var executor = new CellExecutor(kernel, options.Quiet ? null : new IndentedWriter(output));
        var started = DateTime.UtcNow;
        int run = 0, executionCount = 0;
        int? failedCell = null;
        string? error = null;

        foreach (var cell in codeCells)
        {
            if (cell.Language != "csharp")
            {
                output.WriteLine($"  [{cell.Number}] skipped: {cell.Language} cells need a kernel the runner does not host");
                continue;
            }
            var code = options.UsePackage ? cell.Source : StripExtensionPackageLines(cell.Source);
            output.WriteLine($"  [{cell.Number}/{notebook.Cells.Count}] {FirstLine(cell.Source)}");
            var result = await executor.ExecuteAsync(code, ++executionCount);
            cell.SetOutputs(result.Outputs, executionCount);
            run++;
            if (result.Failed)
            {
                failedCell = cell.Number;
                error = result.Error;
                output.WriteLine($"  ✘ cell {cell.Number} failed after {result.Elapsed.TotalSeconds:0.00} s:");
                // The message, not the host's stack frames (those stay in the saved notebook's traceback).
                foreach (var line in (result.Error ?? "").Split('\n').TakeWhile(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)))
                    output.WriteLine("    " + line.TrimEnd());
                break;
            }
            output.WriteLine($"    ✔ {result.Elapsed.TotalSeconds:0.00} s");
        }

        if (failedCell is null && options.Then is { } then)
        {
            output.WriteLine($"  [then] {then}");
            var result = await executor.ExecuteAsync(await File.ReadAllTextAsync(then), ++executionCount);
            foreach (var o in result.Outputs)
            {
                if (o?["output_type"]?.GetValue<string>() is not ("execute_result" or "display_data")) continue;
                var text = o["data"]?["text/plain"]?.GetValue<string>()
                           ?? (o["data"]?["text/html"]?.GetValue<string>() is { } html ? System.Net.WebUtility.HtmlDecode(Tags().Replace(html, "")) : null);
                if (text is not null) output.WriteLine("    " + text.Trim().Replace("\n", "\n    "));
            }
            if (result.Failed)
            {
                failedCell = notebook.Cells.Count + 1;
                error = result.Error;
                output.WriteLine($"  ✘ --then {then} failed:\n    {result.Error}");
            }
        }

        notebook.Save(outputPath);
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        var headlines = CourseBridge.Headlines();
        var summary = new NotebookRunSummary(name, codeCells.Count, run, seconds, failedCell is not null, failedCell, error,
            CourseBridge.ChecksSince(gradingMark) is { Total: > 0 } c ? c : null, headlines.Count > 0 ? headlines[^1] : null, outputPath);
        output.WriteLine(failedCell is null
            ? $"✔ {name}: {run} cells in {seconds:0.0} s → {outputPath}"
            : $"✘ {name}: stopped at cell {failedCell} → {outputPath}");
        return summary;
    }

    /// <summary>Drops the lines that restore DeepNotes.Interactive from a feed (the runner has it loaded already).</summary>
    internal static string StripExtensionPackageLines(string code)
    {
        if (!ExtensionReference().IsMatch(code)) return code;
        var lines = code.Replace("\r\n", "\n").Split('\n')
            .Select(l => ExtensionReference().IsMatch(l) || FeedSource().IsMatch(l) ? "// (runner: DeepNotes.Interactive is loaded in-process) " + l.Trim() : l);
        return string.Join("\n", lines);
    }

    private static string FirstLine(string source)
    {
        var line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 70 ? line[..67] + "..." : line;
    }

    [GeneratedRegex(@"^\s*#r\s+""nuget:\s*DeepNotes\.Interactive\b[^""]*""\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ExtensionReference();

    [GeneratedRegex("<(style|script)[^>]*>.*?</\\1>|<[^>]+>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"^\s*#i\s+""nuget:\s*[^""]*""\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FeedSource();

    /// <summary>Indents the cell's echoed stdout under its progress line.</summary>
    private sealed class IndentedWriter(TextWriter inner) : TextWriter
    {
        private bool lineStart = true;
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            if (lineStart) inner.Write("    │ ");
            inner.Write(value);
            lineStart = value == '\n';
        }
    }
}
