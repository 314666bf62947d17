using DeepNotes.Course.Exercises;

namespace DeepNotes.Runner.Commands;

/// <summary>
/// <c>strip NOTEBOOK… -o DIR</c>: writes the learner's version of solution notebooks (exercise bodies replaced by
/// <c>throw new NotImplementedException()</c>, hints kept, outputs cleared). The logic is DeepNotes.Course's Stripper.
/// </summary>
public sealed class StripCommand : IRunnerCommand
{
    public string Name => "strip";
    public string Summary => "strip NOTEBOOK... -o DIR   write the exercise versions of solution notebooks";

    public Task<int> RunAsync(string[] args, TextWriter output)
    {
        var inputs = new List<string>();
        string? outDir = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "-o" or "--output")
            {
                if (i + 1 >= args.Length) return Task.FromResult(Usage(output, "-o needs a folder"));
                outDir = args[++i];
            }
            else if (args[i].StartsWith('-')) return Task.FromResult(Usage(output, $"unknown option {args[i]}"));
            else inputs.Add(args[i]);
        }
        if (inputs.Count == 0 || outDir is null) return Task.FromResult(Usage(output, inputs.Count == 0 ? "no notebook given" : "no output folder (-o DIR)"));
        foreach (var input in inputs)
        {
            if (!File.Exists(input))
            {
                output.WriteLine($"strip: no such notebook: {input}");
                return Task.FromResult(1);
            }
            try
            {
                output.WriteLine($"strip: {input} -> {Stripper.StripFile(input, outDir)}");
            }
            catch (Exception ex) when (ex is FormatException or IOException or System.Text.Json.JsonException)
            {
                output.WriteLine($"strip: {input}: {ex.Message}");
                return Task.FromResult(1);
            }
        }
        return Task.FromResult(0);
    }

    private static int Usage(TextWriter output, string problem)
    {
        output.WriteLine($"strip: {problem}");
        output.WriteLine("usage: DeepNotes.Runner strip NOTEBOOK.ipynb... -o DIR");
        return CommandLine.UsageError;
    }
}
