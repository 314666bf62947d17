using DeepNotes.Course.Grading;
using DeepNotes.Course.Reporting;

namespace DeepNotes.Course.Tests;

public class DictionaryGraderTests
{
    // A C1W3 backward pass with dW1 transposed: the grader must name the entry and both shapes.
    private static Dictionary<string, Tensor> TransposedBackward(Dictionary<string, Tensor> parameters, Dictionary<string, Tensor> cache, Tensor X, Tensor Y) => new()
    {
        ["dW1"] = Tensor.Zeros(2, 4), ["db1"] = Tensor.Zeros(4, 1), ["dW2"] = Tensor.Zeros(1, 4), ["db2"] = Tensor.Zeros(1, 1),
    };

    private static Dictionary<string, Tensor> MissingKeyBackward(Dictionary<string, Tensor> parameters, Dictionary<string, Tensor> cache, Tensor X, Tensor Y) => new()
    {
        ["dW1"] = Tensor.Zeros(4, 2), ["dW2"] = Tensor.Zeros(1, 4), ["db2"] = Tensor.Zeros(1, 1),
    };

    private static Dictionary<string, Tensor> InitializeParameters(int nX, int nH, int nY)
    {
        Np.Random.Seed(2);
        return new() { ["W1"] = Np.Random.Randn(nH, nX) * 0.01, ["b1"] = Tensor.Zeros(nH, 1), ["W2"] = Np.Random.Randn(nY, nH) * 0.01, ["b2"] = Tensor.Zeros(nY, 1) };
    }

    [Fact]
    public void WrongShapeNamesTheDictionaryEntry()
    {
        Grade.Begin("C1W3");
        var report = Grade.Check("BackwardPropagation", TransposedBackward);
        Assert.Equal("Wrong shape for grads[\"dW1\"]: expected (4, 2), got (2, 4)", Assert.Single(report.Checks).Message);
    }

    [Fact]
    public void MissingKeyIsReported()
    {
        Grade.Begin("C1W3");
        var report = Grade.Check("BackwardPropagation", MissingKeyBackward);
        Assert.StartsWith("Missing key in grads: \"db1\"", Assert.Single(report.Checks).Message);
    }

    [Fact]
    public void SeededInitializationMatchesTheCourse()
    {
        Grade.Begin("C1W3");
        var report = Grade.Check("InitializeParameters", InitializeParameters);
        Assert.True(report.AllPassed, report.ToString());
    }

    [Fact]
    public void HeadlinesKeepTheLatestValueInFirstReportOrder()
    {
        Headline.Clear();
        Headline.Report("train accuracy", 0.5);
        Headline.Report("test accuracy", 0.4);
        Headline.Report("train accuracy", 0.9);
        Assert.Equal(["train accuracy", "test accuracy"], Headline.All.Select(kv => kv.Key));
        Assert.True(Headline.TryGet("train accuracy", out var v) && v == 0.9);
        Headline.Clear();
        Assert.Empty(Headline.All);
    }
}
