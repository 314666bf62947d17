using DeepNotes;

namespace DeepNotes.Tests;

public class SmokeTests
{
    [Fact]
    public void MatMulPlusBiasBackpropagates()
    {
        var W = Tensor.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }).RequireGrad();
        var X = Tensor.FromArray(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var b = Tensor.FromArray(new double[,] { { 10 }, { 20 } }).RequireGrad();
        var Z = W.MatMul(X) + b;
        Assert.Equal(new double[] { 14, 15, 30, 31 }, Z.ToArray());
        Z.Sum().Backward();
        Assert.Equal(new double[] { 1, 1, 2, 1, 1, 2 }, W.Grad!.ToArray());
        Assert.Equal(new double[] { 2, 2 }, b.Grad!.ToArray());
    }
}
