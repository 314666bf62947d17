namespace DeepNotes.Runner.Commands;

/// <summary>Parsed arguments of <c>run</c>.</summary>
public sealed class RunOptions
{
    public List<string> Notebooks { get; } = [];
    public string? AllDirectory { get; set; }
    public string? Output { get; set; }
    public List<KeyValuePair<string, string>> Parameters { get; } = [];
    public string? Then { get; set; }
    public bool UsePackage { get; set; }
    public bool Quiet { get; set; }

    public static RunOptions Parse(string[] args)
    {
        var o = new RunOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next(string what) => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs {what}");
            switch (args[i])
            {
                case "run" when i == 0: break;
                case "--all": o.AllDirectory = Next("a folder of notebooks"); break;
                case "-o" or "--output": o.Output = Next("a path"); break;
                case "-p" or "--parameter":
                    var name = Next("a name and a value");
                    o.Parameters.Add(new(name, Next($"a value for {name}")));
                    break;
                case "--then": o.Then = Next("a .csx file"); break;
                case "--use-package": o.UsePackage = true; break;
                case "-q" or "--quiet": o.Quiet = true; break;
                case var a when a.StartsWith('-'): throw new ArgumentException($"unknown option {a}");
                default: o.Notebooks.Add(args[i]); break;
            }
        }
        if (o.AllDirectory is null && o.Notebooks.Count == 0) throw new ArgumentException("no notebook given");
        if (o.AllDirectory is not null && o.Notebooks.Count > 0) throw new ArgumentException("give notebooks or --all FOLDER, not both");
        if (o.Output is not null && (o.AllDirectory is not null || o.Notebooks.Count > 1))
            throw new ArgumentException("--output names one output file; it needs exactly one notebook");
        if (o.Then is not null && !File.Exists(o.Then)) throw new ArgumentException($"--then: {o.Then} does not exist");
        return o;
    }
}
