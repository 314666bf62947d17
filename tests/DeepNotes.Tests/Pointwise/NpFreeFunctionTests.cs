using DeepNotes;
using static DeepNotes.Np;

namespace DeepNotes.Tests.Pointwise;

/// <summary>Course-style code through `using static DeepNotes.Np;` compiles without ambiguity and computes the right values.</summary>
public class NpFreeFunctionTests
{
    [Fact]
    public void CourseStyleCodeReadsLikeNumpy()
    {
        var Z = Array(new double[,] { { -1, 2 }, { 3, -4 } });   // np.array
        var A = Sigmoid(Z);
        Assert.Equal(1 / (1 + Math.Exp(1)), A.GetValue(0, 0), 15);
        Assert.Equal(new double[] { 0, 2, 3, 0 }, Maximum(0, Z).ToArray());
        Assert.Equal(new double[] { 0, 2, 3, 0 }, Relu(Z).ToArray());
        Assert.Equal(new double[] { 0, 1, 1, 0 }, Where(Z > 0, 1.0, 0.0).ToArray());
        var S = Softmax(Z, axis: 0);
        Assert.Equal(new double[] { 1, 1 }, Sum(S, axis: 0).ToArray().Select(v => Math.Round(v, 12)).ToArray());
        Assert.Equal(new Shape(2, 1), Sum(A, axis: 1, keepDims: true).Shape);
        Assert.Equal(0, Mean(Z).Item());
        Assert.Equal(3, Max(Z).Item());
        Assert.Equal(new double[] { 1, 0 }, ArgMax(Z, axis: 0).ToArray());
        Assert.Equal(Math.Sqrt(30), Norm(Z).Item(), 14);
        Assert.Equal(new double[] { 1, 2, 3, 4 }, Abs(Z).ToArray());
        Assert.Equal(new double[] { 0, 1, 1, 0 }, Clip(Z, 0, 1).ToArray());
        Assert.Equal(new double[] { 1, 4, 9, 16 }, Power(Z, 2).ToArray());
        Assert.Equal(new double[] { 1, 4, 9, 16 }, Square(Z).ToArray());
        Assert.Equal(new double[] { -1, 1, 1, -1 }, Sign(Z).ToArray());
        Assert.Equal(7.5, Var(Z).Item(), 14);
        Assert.Equal(Math.Sqrt(10), Std(Z, ddof: 1).Item(), 14);
        Assert.True(AllClose(Multiply(Z, Z), Square(Z)));
        Assert.Equal(new double[] { -1, 2, 3, -4 }, Round(Z + 0.4).ToArray());
        Assert.Equal(2, CountNonzero(Greater(Z, 0.0)).Item());
        Assert.Equal(new double[] { 0, 0 }, LogSumExp(LogSoftmax(Z, axis: 1), axis: 1).ToArray().Select(v => Math.Round(v, 12)).ToArray());
    }
}
