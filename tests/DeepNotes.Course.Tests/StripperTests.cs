using DeepNotes.Course.Exercises;

namespace DeepNotes.Course.Tests;

public class StripperTests
{
    private const string Solution = """
        (Tensor w, double b) InitializeWithZeros(int dim)
        {
            Tensor w; double b;
            // START CODE HERE (≈ 2 lines of code)
            w = Tensor.Zeros(dim, 1);
            b = 0.0;
            // END CODE HERE
            return (w, b);
        }
        """;

    [Fact]
    public void ReplacesTheRegionAndKeepsTheHint()
    {
        var stripped = Stripper.StripCode(Solution);
        Assert.Contains("    // START CODE HERE (≈ 2 lines of code)\n    throw new NotImplementedException(); // ≈ 2 lines of code\n    // END CODE HERE", stripped);
        Assert.DoesNotContain("Tensor.Zeros", stripped);
        Assert.Contains("return (w, b);", stripped);
    }

    [Fact]
    public void UnbalancedMarkersNameTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => Stripper.StripCode("a\n// START CODE HERE\nb\n", "cell 3"));
        Assert.Equal("cell 3, line 2: \"// START CODE HERE\" is never closed by \"// END CODE HERE\"", ex.Message);
        Assert.Throws<FormatException>(() => Stripper.StripCode("// END CODE HERE"));
    }

    [Fact]
    public void NotebookCellsAreStrippedAndOutputsCleared()
    {
        var nb = """
            {"cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["// START CODE HERE in prose stays\n"]},
              {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}],
               "source": ["double F(double x)\n", "{\n", "    // START CODE HERE (≈ 1 line of code)\n", "    return x * 2;\n", "    // END CODE HERE\n", "}"]}
             ], "metadata": {"kernelspec": {"name": ".net-csharp"}}, "nbformat": 4, "nbformat_minor": 5}
            """;
        var json = System.Text.Json.Nodes.JsonNode.Parse(Stripper.StripNotebook(nb))!;
        var code = json["cells"]![1]!;
        Assert.Equal("double F(double x)\n{\n    // START CODE HERE (≈ 1 line of code)\n    throw new NotImplementedException(); // ≈ 1 line of code\n    // END CODE HERE\n}",
            string.Concat(code["source"]!.AsArray().Select(s => (string)s!)));
        Assert.Empty(code["outputs"]!.AsArray());
        Assert.Null(code["execution_count"]);
        Assert.Equal("// START CODE HERE in prose stays\n", (string)json["cells"]![0]!["source"]![0]!);
        Assert.Equal(".net-csharp", (string)json["metadata"]!["kernelspec"]!["name"]!);
    }
}
