using DeepNotes.Course.Grading;

namespace DeepNotes.Course.Tests;

/// <summary>The C2W3 graders catch the framework notebook's typical mistakes with a message that says what is wrong.</summary>
public class C2W3GraderTests
{
    private static Tensor MeanLoss(Tensor logits, Tensor labels) => -Np.Mean(Np.Sum(labels * Np.LogSoftmax(logits, axis: 0), axis: 0));
    private static Tensor SumLoss(Tensor logits, Tensor labels) => -Np.Sum(labels * Np.LogSoftmax(logits, axis: 0));
    private static Tensor Float64Sigmoid(Tensor z) => Np.Sigmoid(z);

    private static Tensor ForwardWithSoftmax(Tensor X, Dictionary<string, Tensor> p)
    {
        var a1 = Np.Relu(Np.Dot(p["W1"], X) + p["b1"]);
        var a2 = Np.Relu(Np.Dot(p["W2"], a1) + p["b2"]);
        return Np.Softmax(Np.Dot(p["W3"], a2) + p["b3"], axis: 0);
    }

    private static Dictionary<string, Tensor> InitWithoutGrad()
    {
        Np.Random.Seed(1);
        int[] dims = [12288, 25, 12, 6];
        var p = new Dictionary<string, Tensor>();
        for (int l = 1; l < dims.Length; l++)
        {
            p["W" + l] = (Np.Random.Randn(dims[l], dims[l - 1]) * Math.Sqrt(2.0 / (dims[l - 1] + dims[l]))).AsType(DType.Float32);
            p["b" + l] = Tensor.Zeros([dims[l], 1], DType.Float32);
        }
        return p;
    }

    [Fact]
    public void TotalLossMustBeASumNotAMean()
    {
        Grade.Begin("C2W3");
        Assert.True(Grade.Check("ComputeTotalLoss", SumLoss).AllPassed);
        var report = Grade.Check("ComputeTotalLoss", MeanLoss);
        Assert.False(report.AllPassed);
        Assert.Contains(report.Checks, c => !c.Passed && c.Message.StartsWith("Wrong values for total_loss"));
    }

    [Fact]
    public void SigmoidMustReturnFloat32()
    {
        Grade.Begin("C2W3");
        var report = Grade.Check("Sigmoid", Float64Sigmoid);
        Assert.Equal("Wrong dtype for a: expected Float32 (the framework's default), got Float64", report.Checks[0].Message);
    }

    [Fact]
    public void ForwardPropagationReturnsLogits()
    {
        Grade.Begin("C2W3");
        var report = Grade.Check("ForwardPropagation", ForwardWithSoftmax);
        Assert.StartsWith("Wrong values for Z3", report.Checks[0].Message);
    }

    [Fact]
    public void ParametersMustBeTrainable()
    {
        Grade.Begin("C2W3");
        var report = Grade.Check("InitializeParameters", InitWithoutGrad);
        Assert.Contains("should require gradients", report.Checks[0].Message);
        Assert.True(report.Checks[1].Passed, report.ToString());
    }
}
