using System.Globalization;
using DeepNotes;
using DeepNotes.Formatting;

namespace DeepNotes.Tests.Formatting;

/// <summary>400 random arrays (every magnitude, NaN/inf, both dtypes, print options) against numpy's str().</summary>
public class NumpyStrFuzzTests
{
    [Fact]
    public void AllGeneratedCasesMatchNumpy()
    {
        var failures = new List<string>();
        foreach (var c in NumpyStrCases.All)
        {
            var data = c.Data.Split(' ').Select(Parse).ToArray();
            var shape = c.Shape.Length == 0 ? [] : c.Shape.Split(',').Select(int.Parse).ToArray();
            var t = shape.Length == 0 ? Tensor.Scalar(data[0]) : Tensor.FromArray(data, shape);
            if (c.Float32) t = t.AsType(DType.Float32);
            var actual = t.ToString(PrintOptions.Parse(c.Options, PrintOptions.Default));
            if (actual != c.Expected)
                failures.Add($"data [{c.Data}] shape ({c.Shape}) float32={c.Float32} options '{c.Options}'\nexpected:\n{c.Expected}\nactual:\n{actual}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {NumpyStrCases.All.Length} differ; first:\n" + string.Join("\n\n", failures.Take(3)));
    }

    private static double Parse(string s) => s switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };
}
