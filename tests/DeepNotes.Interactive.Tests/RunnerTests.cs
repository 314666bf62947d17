using System.Text.Json.Nodes;
using DeepNotes.Runner.Commands;
using DeepNotes.Runner.Notebooks;

namespace DeepNotes.Interactive.Tests;

/// <summary>Shares the course's static grading and headline state with other kernel tests, so they do not run in parallel.</summary>
[Collection("kernel")]
public sealed class RunnerTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("deepnotes-runner-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string WriteNotebook(string name, params (string Source, string[]? Tags)[] cells)
    {
        var array = new JsonArray();
        foreach (var (source, tags) in cells)
        {
            var metadata = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" } };
            if (tags is not null) metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray());
            array.Add(new JsonObject { ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = metadata, ["outputs"] = new JsonArray(), ["source"] = source });
        }
        array.Insert(0, new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = "# test" });
        var nb = new JsonObject { ["cells"] = array, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 };
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, nb.ToJsonString());
        return path;
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        int code = await CommandLine.RunAsync(args, output);
        return (code, output.ToString());
    }

    private static JsonArray Outputs(string path, int cell) =>
        (JsonArray)JsonNode.Parse(File.ReadAllText(path))!["cells"]![cell]!["outputs"]!;

    [Fact]
    public async Task Runs_every_cell_and_saves_nbformat_outputs()
    {
        var nb = WriteNotebook("a.ipynb",
            ("#i \"nuget:../artifacts/feed\"\n#r \"nuget:DeepNotes.Interactive, 0.1.0\"", null),
            ("Console.WriteLine(\"hello\");\nNp.Ones(2, 2)", null),
            ("\"<b>x</b>\".DisplayAs(\"text/html\");", null));
        var (code, output) = await Run(nb);
        Assert.Equal(0, code);
        Assert.Contains("[3/4] Console.WriteLine(\"hello\");", output);
        Assert.Contains("│ hello", output);
        var saved = Path.Combine(dir, "a.executed.ipynb");
        var outputs = Outputs(saved, 2);
        Assert.Equal("stream", outputs[0]!["output_type"]!.GetValue<string>());
        Assert.Equal("hello\n", outputs[0]!["text"]!.GetValue<string>());
        Assert.Equal("execute_result", outputs[1]!["output_type"]!.GetValue<string>());
        Assert.Contains("dn-tensor", outputs[1]!["data"]!["text/html"]!.GetValue<string>());
        Assert.Equal("[[1. 1.]\n [1. 1.]]", outputs[1]!["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(saved))!["cells"]![2]!["execution_count"]!.GetValue<int>());
        Assert.Equal("display_data", Outputs(saved, 3)[0]!["output_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stops_at_the_first_failing_cell_with_its_number()
    {
        var nb = WriteNotebook("b.ipynb", ("var x = 1;", null), ("throw new InvalidOperationException(\"boom\");", null), ("Console.WriteLine(\"never\");", null));
        var output = Path.Combine(dir, "out", "b-run.ipynb");
        var (code, text) = await Run(nb, "--output", output);
        Assert.Equal(1, code);
        Assert.Contains("✘ cell 3 failed", text);
        Assert.Contains("boom", text);
        Assert.DoesNotContain("never", text);
        var error = Outputs(output, 2)[0]!;
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Equal("System.InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.Equal("boom", error["evalue"]!.GetValue<string>());
        Assert.Empty(Outputs(output, 3));
    }

    [Fact]
    public async Task Parameters_replace_values_in_the_tagged_cell_and_then_runs_after_the_last_cell()
    {
        var nb = WriteNotebook("c.ipynb",
            ("int epochs = 10;\ndouble learningRate = 0.1;\nvar name = \"base\";", ["parameters"]),
            ("var summary = $\"{epochs} {learningRate} {name}\";", null));
        var then = Path.Combine(dir, "check.csx");
        File.WriteAllText(then, "Console.WriteLine(\"then: \" + summary);\nsummary.Length");
        var (code, text) = await Run(nb, "-p", "epochs", "5", "-p", "learningRate", "0.01", "-p", "name", "tuned", "--then", then);
        Assert.Equal(0, code);
        Assert.Contains("then: 5 0.01 tuned", text);
        Assert.Contains("\n    12\n", text);   // the --then script's value: "5 0.01 tuned".Length
        var source = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "c.executed.ipynb")))!["cells"]![1]!["source"]!.GetValue<string>();
        Assert.Equal("int epochs = 5;\ndouble learningRate = 0.01;\nvar name = \"tuned\";", source);
    }

    [Fact]
    public async Task Unknown_parameters_and_options_are_usage_errors()
    {
        var nb = WriteNotebook("d.ipynb", ("// parameters\nint epochs = 10;", null));
        var (code, text) = await Run(nb, "-p", "batch", "3");
        Assert.Equal(2, code);
        Assert.Contains("-p batch: the parameters cell declares no \"batch\"; it declares: epochs", text);
        Assert.Contains("is not an integer", (await Run(nb, "-p", "epochs", "1.5")).Output);
        Assert.Equal(2, (await Run(nb, "--bogus")).Code);
    }

    [Fact]
    public void Parameter_literals_follow_the_declared_type()
    {
        var src = "float lr = 0.1f;\nvar steps = 3;\nvar rate = 0.5;\nbool fast = false;";
        var replaced = Parameters.Replace(src, [new("lr", "0.2"), new("steps", "7"), new("rate", "2"), new("fast", "true")]);
        Assert.Equal("float lr = 0.2f;\nvar steps = 7;\nvar rate = 2.0;\nbool fast = true;", replaced);
    }

    [Fact]
    public async Task Runs_dib_files_and_all_notebooks_of_a_folder_with_a_table()
    {
        File.WriteAllText(Path.Combine(dir, "e.dib"), "#!csharp\n\nDeepNotes.Course.Reporting.Headline.Report(\"test accuracy\", 0.72);\n\n#!markdown\n\n# notes\n");
        WriteNotebook("f.ipynb", ("var y = 2;", null));
        var (code, text) = await Run("--all", dir);
        Assert.Equal(0, code);
        Assert.Matches(@"notebook\s+cells\s+seconds\s+checks\s+headline\s+status", text);
        Assert.Matches(@"e\.dib\s+1/1\s+[\d.]+\s+-\s+test accuracy = 0\.72\s+ok", text);
        Assert.Matches(@"f\.ipynb\s+1/1", text);
        var fromDib = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "e.executed.ipynb")))!;
        Assert.Equal(4, fromDib["nbformat"]!.GetValue<int>());
        Assert.Equal("markdown", fromDib["cells"]![1]!["cell_type"]!.GetValue<string>());
    }
}
