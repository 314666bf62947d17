namespace DeepNotes.Gpu.Tests;

public class ReductionTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { 0, 2 })]
    public void SumMaxMinMatchCpu(int[]? axes)
    {
        var x = Gpu.Random([3, 17, 5]);
        var g = x.To(Gpu.Device);
        Gpu.AssertClose(x.Sum(axes), g.Sum(axes), 1e-5);
        Gpu.AssertClose(x.Max(axes), g.Max(axes), 0);
        Gpu.AssertClose(x.Min(axes, keepDims: true), g.Min(axes, keepDims: true), 0);
        Gpu.AssertClose(x.Mean(axes), g.Mean(axes), 1e-5);
    }

    [Fact]
    public void ReducesTransposedViewsAndFloat64()
    {
        var x = Gpu.Random([6, 300], DType.Float64);
        var g = x.To(Gpu.Device);
        Gpu.AssertClose(x.T.Sum(0), g.T.Sum(0), 1e-12);
        Gpu.AssertClose(x.T.Sum(1), g.T.Sum(1), 1e-12);
        Gpu.AssertClose(x.Sum(), g.Sum(), 1e-12);
    }

    [Fact]
    public void MaxPropagatesNaNAndEmptyMaxIsAnError()
    {
        var x = Tensor.FromArray(new float[] { 1, float.NaN, 3, 4 }, 2, 2);
        var g = x.To(Gpu.Device);
        Gpu.AssertClose(x.Max(1), g.Max(1), 0);
        var empty = Tensor.Zeros([2, 0], DType.Float32).To(Gpu.Device);
        var e = Assert.Throws<ArgumentException>(() => empty.Max(1));
        Assert.Contains("max", e.Message);
        Gpu.AssertClose(Tensor.Zeros([2], DType.Float32), empty.Sum(1), 0);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void SoftmaxAndLogSoftmaxMatchCpu(int axis)
    {
        var x = Gpu.Random([4, 33], low: -5, high: 5);
        var g = x.To(Gpu.Device);
        Gpu.AssertClose(x.Softmax(axis), g.Softmax(axis), 1e-5);
        Gpu.AssertClose(x.LogSoftmax(axis), g.LogSoftmax(axis), 1e-5);
    }

    [Fact]
    public void SoftmaxGradientMatchesCpu()
    {
        var x = Gpu.Random([3, 10]).RequireGrad();
        var w = Gpu.Random([3, 10]);
        (x.Softmax() * w).Sum().Backward();
        var gx = x.Detach().To(Gpu.Device).RequireGrad();
        (gx.Softmax() * w.To(Gpu.Device)).Sum().Backward();
        Assert.Equal(Gpu.Device, gx.Grad!.Device);
        Gpu.AssertClose(x.Grad!, gx.Grad!, 1e-5);
    }
}
