using DeepNotes.Interactive.Magics;

namespace DeepNotes.Interactive.Tests;

public class CodeGenerationTests
{
    [Theory]
    [InlineData("Np.Ones(3, 3).Sum()", "() => {\nNp.Ones(3, 3).Sum();\n}")]
    [InlineData("a + b", "() => {\n_ = (a + b);\n}")]
    [InlineData("var x = 1;\nx * 2", "() => {\nvar x = 1;\n_ = (x * 2);\n}")]
    [InlineData("Work();", "() => {\nWork();\n}")]
    [InlineData("await Task.Delay(1)", "async () => {\nawait Task.Delay(1);\n}")]
    public void Timeit_wraps_cell_code_as_a_lambda(string code, string expected)
    {
        Assert.Equal(expected, CodeRewriter.TimeItLambda(code));
    }

    [Fact]
    public void Gradcheck_submits_the_engine_check_with_seeded_random_inputs()
    {
        var code = MagicDirectives.GradCheckCode(new GradCheckCommand { Function = "model.Forward", Shape = "4,5; 3,4", Epsilon = "1e-6" });
        Assert.Equal(
            "DeepNotes.GradientCheck.Check(__p => DeepNotes.Interactive.Magics.GradCheckInputs.Project(model.Forward(__p[0], __p[1])), " +
            "new DeepNotes.Tensor[] { DeepNotes.Interactive.Magics.GradCheckInputs.Random(new int[] { 4, 5 }, 1), " +
            "DeepNotes.Interactive.Magics.GradCheckInputs.Random(new int[] { 3, 4 }, 2) }, 1E-06)", code);
    }

    [Fact]
    public void Grade_submits_the_course_check_or_the_current_report()
    {
        Assert.Equal("DeepNotes.Course.Grading.Grade.Check(\"Propagate\", Propagate)", MagicDirectives.GradeCode("Propagate"));
        Assert.Equal("DeepNotes.Course.Grading.Grade.Current", MagicDirectives.GradeCode(null));
    }

    [Fact]
    public void Gradcheck_inputs_are_float64_leaves_and_the_projection_is_fixed()
    {
        var a = GradCheckInputs.Random([2, 3], 1);
        Assert.Equal(DType.Float64, a.DType);
        Assert.True(a.IsLeaf);
        Assert.Equal(a.ToArray(), GradCheckInputs.Random([2, 3], 1).ToArray());
        var y = Np.Ones(2, 3);
        Assert.Equal(GradCheckInputs.Project(y).Item(), GradCheckInputs.Project(y).Item());
        var x = Np.Ones(2).RequireGrad();
        Assert.False(ReferenceEquals(x, GradCheckInputs.Leaf(x)));
    }

    [Fact]
    public void Timeit_statistics_and_formatting()
    {
        var r = new TimeItResult([0.003, 0.001, 0.002], 10);
        Assert.Equal(0.001, r.Min);
        Assert.Equal(0.002, r.Median);
        Assert.StartsWith("2.00 ms median, 1.00 ms min per loop", r.ToString());
        Assert.EndsWith("of 3 runs, 10 loops each)", r.ToString());
        Assert.Equal("250 ns", TimeIt.FormatSeconds(2.5e-7));
        int calls = 0;
        var measured = TimeIt.Run(() => calls++, loops: 4, runs: 3);
        Assert.Equal(12, calls);
        Assert.Equal(4, measured.Loops);
    }
}
