using DeepNotes.NN;

namespace DeepNotes.Gpu.Tests;

public class ConvPoolTests
{
    [Theory]
    [InlineData("valid", 1, 1)]
    [InlineData("same", 2, 1)]
    [InlineData("same", 1, 2)]
    public void Conv2DForwardAndGradientsMatchCpu(string padding, int stride, int dilation)
    {
        var x = Gpu.Random([2, 7, 6, 3], DType.Float64).RequireGrad();
        var w = Gpu.Random([3, 2, 3, 4], DType.Float64).RequireGrad();
        var b = Gpu.Random([4], DType.Float64).RequireGrad();
        var y = F.Conv2D(x, w, b, stride, padding, dilation);
        var probe = Gpu.Random(y.Shape.ToArray(), DType.Float64);
        (y * probe).Sum().Backward();

        var gx = x.Detach().To(Gpu.Device).RequireGrad();
        var gw = w.Detach().To(Gpu.Device).RequireGrad();
        var gb = b.Detach().To(Gpu.Device).RequireGrad();
        var gy = F.Conv2D(gx, gw, gb, stride, padding, dilation);
        Assert.Equal(Gpu.Device, gy.Device);
        (gy * probe.To(Gpu.Device)).Sum().Backward();
        Gpu.AssertClose(y.Detach(), gy.Detach(), 1e-12);
        Gpu.AssertClose(x.Grad!, gx.Grad!, 1e-12);
        Gpu.AssertClose(w.Grad!, gw.Grad!, 1e-12);
        Gpu.AssertClose(b.Grad!, gb.Grad!, 1e-12);
    }

    [Fact]
    public void Conv2DFloat32MatchesCpuAndRefusesMixedDevices()
    {
        var x = Gpu.Random([1, 5, 5, 2]);
        var w = Gpu.Random([3, 3, 2, 3]);
        Gpu.AssertClose(F.Conv2D(x, w, padding: "same"), F.Conv2D(x.To(Gpu.Device), w.To(Gpu.Device), padding: "same"), 1e-5);
        var e = Assert.Throws<InvalidOperationException>(() => F.Conv2D(x.To(Gpu.Device), w));
        Assert.Contains("conv2d", e.Message);
    }

    [Theory]
    [InlineData(true, 2, null, "valid")]
    [InlineData(true, 3, 1, "same")]
    [InlineData(false, 2, null, "valid")]
    [InlineData(false, 3, 2, "same")]
    public void PoolingForwardAndGradientsMatchCpu(bool max, int pool, int? stride, string padding)
    {
        var x = Gpu.Random([2, 6, 5, 3], DType.Float64).RequireGrad();
        Tensor Pool(Tensor t) => max ? F.MaxPool2D(t, pool, stride, padding) : F.AveragePool2D(t, pool, stride, padding);
        var y = Pool(x);
        var probe = Gpu.Random(y.Shape.ToArray(), DType.Float64);
        (y * probe).Sum().Backward();
        var gx = x.Detach().To(Gpu.Device).RequireGrad();
        var gy = Pool(gx);
        (gy * probe.To(Gpu.Device)).Sum().Backward();
        Gpu.AssertClose(y.Detach(), gy.Detach(), 1e-12);
        Gpu.AssertClose(x.Grad!, gx.Grad!, 1e-12);
    }
}
