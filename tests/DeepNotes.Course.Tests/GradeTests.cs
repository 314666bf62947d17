using DeepNotes.Course.Grading;

namespace DeepNotes.Course.Tests;

public class GradeTests
{
    private static Tensor Sigmoid(Tensor x) => x.Sigmoid();
    private static Tensor WrongSigmoid(Tensor x) => x.Tanh();
    private static Tensor StubSigmoid(Tensor x) => throw new NotImplementedException();
    private static Tensor Image2VectorTransposed(Tensor image) => image.Reshape(1, -1);
    private static double BasicSigmoid(double x) => 1 / (1 + Math.Exp(-x));
    private static double BasicSigmoidWrongSignature(int x) => x;

    [Fact]
    public void ReferenceSolutionPasses()
    {
        Grade.Begin("C1W2a");
        var report = Grade.Check("Sigmoid", Sigmoid);
        Assert.True(report.AllPassed, report.ToString());
        Assert.Equal(2, report.Total);
        Assert.True(Grade.Check("BasicSigmoid", BasicSigmoid).AllPassed);
    }

    [Fact]
    public void WrongValuesNameTheIndex()
    {
        Grade.Begin("C1W2a");
        var report = Grade.Check("Sigmoid", WrongSigmoid);
        Assert.Equal(0, report.Passed);
        Assert.StartsWith("Wrong values for s: at index (0,) expected 0.73105858, got 0.76159416", report.Checks[0].Message);
    }

    [Fact]
    public void WrongShapeIsReported()
    {
        Grade.Begin("C1W2a");
        var report = Grade.Check("Image2Vector", Image2VectorTransposed);
        Assert.Equal("Wrong shape for v: expected (18, 1), got (1, 18)", report.Checks[0].Message);
    }

    [Fact]
    public void StubReportsNotImplemented()
    {
        Grade.Begin("C1W2a");
        var report = Grade.Check("Sigmoid", StubSigmoid);
        var check = Assert.Single(report.Checks);
        Assert.True(check.NotImplemented);
        Assert.Contains("not implemented yet", report.ToString());
    }

    [Fact]
    public void WrongSignatureIsExplained()
    {
        Grade.Begin("C1W2a");
        var report = Grade.Check("BasicSigmoid", BasicSigmoidWrongSignature);
        Assert.Equal("Wrong signature for BasicSigmoid: expected (double x) -> double, got (int x)", Assert.Single(report.Checks).Message);
    }

    [Fact]
    public void CurrentAccumulatesAndReplacesReruns()
    {
        Grade.Begin("C1W2a");
        Grade.Check("Sigmoid", StubSigmoid);
        Grade.Check("Sigmoid", Sigmoid);
        Grade.Check("BasicSigmoid", BasicSigmoid);
        Assert.Equal(4, Grade.Current.Total);
        Assert.Equal(4, Grade.Current.Passed);
    }

    [Fact]
    public void UnknownFunctionListsTheGradedOnes()
    {
        Grade.Begin("C1W2a");
        var report = Grade.Check("Sigmod", Sigmoid);
        Assert.Contains("no grader for \"Sigmod\"", report.Checks[0].Message);
        Assert.Contains("Sigmoid", report.Checks[0].Message);
    }
}
