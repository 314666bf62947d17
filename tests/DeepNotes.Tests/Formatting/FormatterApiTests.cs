using DeepNotes;
using DeepNotes.Formatting;

namespace DeepNotes.Tests.Formatting;

public class FormatterApiTests
{
    [Fact]
    public void DescribeIsAOneLiner()
    {
        Assert.Equal("Tensor(shape=(3, 4), dtype=float64, device=cpu)", Tensor.Zeros(3, 4).Describe());
        Assert.Equal("Tensor(shape=(), dtype=float32, device=cpu)", Tensor.Scalar(1, DType.Float32).Describe());
        Assert.Equal("Tensor(shape=(2,), dtype=float64, device=cpu, requires_grad=True)", Tensor.Zeros(2).RequireGrad().Describe());
    }

    [Fact]
    public void SummarizeExposesTheCellsNumpyWouldShow()
    {
        var t = Tensor.Arange(0, 2000).Reshape(40, 50);
        var s = TensorFormatter.Summarize(t);
        Assert.True(s.Summarized);
        Assert.Equal(new[] { 0, 1, 2, 37, 38, 39 }, s.Indices[0]);
        Assert.Equal(new[] { 0, 1, 2, 47, 48, 49 }, s.Indices[1]);
        Assert.Equal(new[] { true, true }, s.Elided);
        Assert.Equal(36, s.Values.Length);
        Assert.Equal(1999, s.Values[^1]);
        Assert.Equal("0.000e+00", s.Cells[0]);   // same shared format as the text, without padding
        Assert.Equal("1.999e+03", s.Cells[^1]);
        Assert.Equal(49, s.Values[5]);

        var small = TensorFormatter.Summarize(Tensor.FromArray(new[] { 1e-5, 1.5e-5 }));
        Assert.False(small.Summarized);
        Assert.Equal(new[] { "1.0e-05", "1.5e-05" }, small.Cells);

        var strided = TensorFormatter.Summarize(Tensor.Arange(0, 6).Reshape(2, 3).T);
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, strided.Values);
    }

    [Fact]
    public void TransposedViewsPrintTheirLogicalOrder()
    {
        var t = Tensor.Arange(0, 6).Reshape(2, 3).T;
        Assert.Equal("[[0. 3.]\n [1. 4.]\n [2. 5.]]", t.ToString());
    }

    [Fact]
    public void FormatStringsAndCurrentOptions()
    {
        var t = Tensor.FromArray(new[] { Math.PI, 1 });
        Assert.Equal("[3.1416 1.0000]", t.ToString("F4"));
        Assert.Equal("[3.14 1.  ]", t.ToString("P2"));
        Assert.Equal("[3.141592653589793 1.               ]", t.ToString("U"));
        Assert.Equal("[3.142 1.   ]", t.ToString("precision=3"));
        Assert.Equal("[3.142 1.   ]", t.ToString(new PrintOptions { Precision = 3 }));
        // a scope, not the process-wide setting, so tests running in parallel are not affected
        using (PrintOptions.Use(PrintOptions.Current with { Threshold = 4, EdgeItems = 1 }))
        {
            Assert.Equal("[0. ... 9.]", Tensor.Arange(0, 10).ToString());
            using (PrintOptions.Use(PrintOptions.Current with { Precision = 2 }))
                Assert.Equal("[0.33 ... 3.  ]", (Tensor.Arange(1, 10) / 3.0).ToString());
            Assert.Equal("[0.33333333 ... 3.        ]", (Tensor.Arange(1, 10) / 3.0).ToString());
        }
        Assert.Equal("[0. 1. 2. 3. 4. 5. 6. 7. 8. 9.]", Tensor.Arange(0, 10).ToString());
        Assert.Throws<FormatException>(() => t.ToString("X9"));
        Assert.Throws<FormatException>(() => t.ToString("precision=abc"));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.ToString("precision=-1"));
    }
}
