using System.Globalization;
using DeepNotes.Runner.Notebooks;

namespace DeepNotes.Runner.Commands;

/// <summary>
/// <c>run</c>: executes notebooks cell by cell like papermill and writes them back with outputs
/// (NAME.executed.ipynb next to each, or --output). Exit code 1 when a cell fails, 2 for bad arguments.
/// </summary>
public sealed class RunCommand : IRunnerCommand
{
    public const string Usage =
        "NOTEBOOK.ipynb|.dib [-o OUT.ipynb] [-p NAME VALUE]… [--then FILE.csx] [--use-package] | --all FOLDER";

    public string Name => "run";
    public string Summary => "execute notebooks and save them with outputs: " + Usage;

    public async Task<int> RunAsync(string[] args, TextWriter output)
    {
        RunOptions options;
        try
        {
            options = RunOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            output.WriteLine($"error: {e.Message}");
            output.WriteLine($"usage: DeepNotes.Runner {Usage}");
            return CommandLine.UsageError;
        }

        var paths = options.AllDirectory is { } dir ? AllNotebooks(dir) : options.Notebooks;
        if (paths.Count == 0)
        {
            output.WriteLine($"error: no .ipynb or .dib notebooks in {options.AllDirectory}");
            return CommandLine.UsageError;
        }
        var summaries = new List<NotebookRunSummary>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                output.WriteLine($"error: {path} does not exist");
                return CommandLine.UsageError;
            }
            var runner = new NotebookRunner(options, output);
            NotebookRunSummary summary;
            try
            {
                summary = await runner.RunAsync(path, options.Output ?? DefaultOutput(path));
            }
            catch (ArgumentException e)
            {
                output.WriteLine($"error: {e.Message}");
                return CommandLine.UsageError;
            }
            summaries.Add(summary);
            if (options.AllDirectory is null && summary.Failed) return 1;
        }
        if (options.AllDirectory is not null) output.Write(SummaryTable(summaries));
        return summaries.Any(s => s.Failed) ? 1 : 0;
    }

    public static string DefaultOutput(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".executed.ipynb");

    internal static List<string> AllNotebooks(string dir) =>
        Directory.Exists(dir)
            ? Directory.GetFiles(dir).Where(f => (f.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".dib", StringComparison.OrdinalIgnoreCase))
                                                && !f.EndsWith(".executed.ipynb", StringComparison.OrdinalIgnoreCase))
                                       .Order(StringComparer.Ordinal).ToList()
            : throw new ArgumentException($"--all: {dir} is not a folder");

    /// <summary>The --all table: notebook, cells, seconds, checks passed, headline metric, status.</summary>
    public static string SummaryTable(IReadOnlyList<NotebookRunSummary> rows)
    {
        var table = new List<string[]> { new[] { "notebook", "cells", "seconds", "checks", "headline", "status" } };
        foreach (var r in rows)
            table.Add([
                r.Name,
                $"{r.CellsRun}/{r.CodeCells}",
                r.Seconds.ToString("0.0", CultureInfo.InvariantCulture),
                r.Checks is { } c ? $"{c.Passed}/{c.Total}" : "-",
                r.Headline is { } h ? $"{h.Key} = {h.Value.ToString("G4", CultureInfo.InvariantCulture)}" : "-",
                r.Failed ? $"FAILED at cell {r.FailedCell}" : "ok",
            ]);
        var widths = Enumerable.Range(0, table[0].Length).Select(i => table.Max(row => row[i].Length)).ToArray();
        var sb = new System.Text.StringBuilder();
        for (int r = 0; r < table.Count; r++)
        {
            sb.AppendLine(string.Join("  ", table[r].Select((cell, i) => i is 1 or 2 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
            if (r == 0) sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
        return sb.ToString();
    }
}
