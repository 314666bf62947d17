using DeepNotes.Course.Exercises;
using DeepNotes.Course.Grading;

namespace DeepNotes.Course.Tests;

/// <summary>Every notebook's solutions pass its graders, and its stripped version reports "not implemented yet".</summary>
public class NotebookTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        // The runner writes X.executed.ipynb next to X.ipynb; those are outputs, not course notebooks.
        foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "notebooks"), "C*.ipynb").Order())
            if (!f.EndsWith(".executed.ipynb", StringComparison.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task SolutionsPassEveryCheck(string notebook)
    {
        var json = File.ReadAllText(NotebookScript.NotebookPath(notebook));
        var reports = await NotebookScript.RunGradedCells(json);
        Assert.NotEmpty(reports);
        foreach (var r in reports) Assert.True(r.AllPassed, r.ToString());
        var exercises = NotebookScript.CodeCells(json).Count(c => c.Tags.Contains("exercise") && Stripper.HasExercise(c.Source));
        Assert.Equal(exercises, reports.Count);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task StrippedVersionReportsNotImplemented(string notebook)
    {
        var json = Stripper.StripNotebook(File.ReadAllText(NotebookScript.NotebookPath(notebook)), notebook);
        var reports = await NotebookScript.RunGradedCells(json);
        Assert.NotEmpty(reports);
        foreach (var r in reports)
        {
            Assert.False(r.AllPassed, r.ToString());
            Assert.All(r.Checks.Where(c => !c.Passed), c => Assert.True(c.NotImplemented, r.ToString()));
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void NotebookUsesTheDotnetCSharpKernelAndHasNoOutputs(string notebook)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(NotebookScript.NotebookPath(notebook)))!;
        var spec = root["metadata"]!["kernelspec"]!;
        Assert.Equal(".net-csharp", (string)spec["name"]!);
        Assert.Equal(".NET (C#)", (string)spec["display_name"]!);
        Assert.Equal("C#", (string)spec["language"]!);
        foreach (var cell in root["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code"))
            Assert.Empty(cell!["outputs"]!.AsArray());
        var first = NotebookScript.CodeCells(root.ToJsonString()).First().Source;
        Assert.Contains("#r \"nuget:DeepNotes.Interactive", first);
    }
}
