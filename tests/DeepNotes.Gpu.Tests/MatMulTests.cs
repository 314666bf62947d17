namespace DeepNotes.Gpu.Tests;

public class MatMulTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(33, 17, 70)]
    [InlineData(64, 64, 16)]
    [InlineData(5, 130, 3)]
    public void MatMulMatchesCpu(int m, int k, int n)
    {
        var a = Gpu.Random([m, k]);
        var b = Gpu.Random([k, n]);
        Gpu.AssertClose(a.MatMul(b), a.To(Gpu.Device).MatMul(b.To(Gpu.Device)), 1e-5);
    }

    [Fact]
    public void TransposedOperandsAreReadInPlace()
    {
        var a = Gpu.Random([20, 9]);
        var b = Gpu.Random([13, 20]);
        var ga = a.To(Gpu.Device);
        var gb = b.To(Gpu.Device);
        Gpu.AssertClose(a.T.MatMul(b.T), ga.T.MatMul(gb.T), 1e-5);
    }

    [Fact]
    public void BatchedWithBroadcastAndFloat64()
    {
        var a = Gpu.Random([2, 3, 4, 5], DType.Float64);
        var b = Gpu.Random([3, 5, 6], DType.Float64);
        Gpu.AssertClose(a.MatMul(b), a.To(Gpu.Device).MatMul(b.To(Gpu.Device)), 1e-12);
        var v = Gpu.Random([5], DType.Float64);
        Gpu.AssertClose(a.MatMul(v), a.To(Gpu.Device).MatMul(v.To(Gpu.Device)), 1e-12);
    }

    [Fact]
    public void MatMulGradientsMatchCpu()
    {
        var a = Gpu.Random([7, 5]).RequireGrad();
        var b = Gpu.Random([5, 3]).RequireGrad();
        a.MatMul(b).Tanh().Sum().Backward();
        var ga = a.Detach().To(Gpu.Device).RequireGrad();
        var gb = b.Detach().To(Gpu.Device).RequireGrad();
        ga.MatMul(gb).Tanh().Sum().Backward();
        Gpu.AssertClose(a.Grad!, ga.Grad!, 1e-5);
        Gpu.AssertClose(b.Grad!, gb.Grad!, 1e-5);
    }
}
