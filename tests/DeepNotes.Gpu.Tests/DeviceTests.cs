namespace DeepNotes.Gpu.Tests;

public class DeviceTests
{
    [Fact]
    public void InitializeReportsWhatItPickedAndRegisters()
    {
        var backend = Gpu.Backend;
        Assert.Same(backend, Backends.Gpu);
        Assert.Equal(backend.Device, Device.Gpu);
        Assert.False(backend.Device.IsCpu);
        Assert.True(GpuBackend.TryInitialize(out var description));
        Assert.Contains("warp size", description);
        Assert.Same(backend, GpuBackend.Initialize());
    }

    [Fact]
    public void RoundTripKeepsValuesShapeAndDtype()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Gpu.Random([2, 3, 4], dtype);
            var g = x.To(Gpu.Device);
            Assert.Equal(Gpu.Device, g.Device);
            var back = g.ToCpu();
            Assert.True(back.Device.IsCpu);
            Assert.Equal(x.ToArray(), back.ToArray());
            Assert.Equal(dtype, back.DType);
            Assert.Same(g, g.To(Gpu.Device));
        }
        var view = Gpu.Random([4, 5]).T;
        Assert.Equal(view.ToArray(), view.To(Gpu.Device).ToCpu().ToArray());
        Assert.Equal(3.5, Tensor.Scalar(3.5).To(Gpu.Device).Item());
    }

    [Fact]
    public void MixingDevicesNamesBothDevices()
    {
        var cpu = Gpu.Random([3, 4]);
        var gpu = Gpu.Random([3, 4]).To(Gpu.Device);
        var e = Assert.Throws<InvalidOperationException>(() => cpu + gpu);
        Assert.Contains("add", e.Message);
        Assert.Contains("cpu", e.Message);
        Assert.Contains("gpu", e.Message);
        var m = Assert.Throws<InvalidOperationException>(() => gpu.MatMul(cpu.T));
        Assert.Contains("matmul", m.Message);
        Assert.Contains("cpu", m.Message);
    }

    [Fact]
    public void GradientFlowsBackAcrossAMove()
    {
        var x = Gpu.Random([3, 4], DType.Float64).RequireGrad();
        var y = (x.To(Gpu.Device).Exp() * 2.0).Sum();
        y.Backward();
        Assert.True(x.Grad!.Device.IsCpu);
        Gpu.AssertClose(x.Exp() * 2.0, x.Grad!, 1e-12);
    }

    [Fact]
    public void LikeCreationFollowsTheTensorsDevice()
    {
        var g = Gpu.Random([2, 3]).To(Gpu.Device);
        var z = Tensor.OnesLike(g);
        Assert.Equal(Gpu.Device, z.Device);
        Assert.Equal(new double[] { 1, 1, 1, 1, 1, 1 }, z.ToArray());
    }

    [Fact]
    public void NpCreationHonoursTheDefaultDevice()
    {
        var saved = Device.Default;
        try
        {
            Device.Default = Gpu.Device;
            var z = Np.Zeros(2, 3);
            Assert.Equal(Gpu.Device, z.Device);
            Assert.Equal(Gpu.Device, Np.Array(new double[] { 1, 2 }).Device);
            Assert.True(Tensor.Zeros(2).Device.IsCpu);   // engine internals stay on the CPU
            Assert.Equal(new double[] { 2, 4 }, (Np.Array(new double[] { 1, 2 }) * 2.0).ToArray());
        }
        finally
        {
            Device.Default = saved;
        }
    }

    [Fact]
    public void KernelsCompileOncePerAccelerator()
    {
        var x = Gpu.Random([5, 6]).To(Gpu.Device);
        _ = (x.Exp() + x).Sum(0);
        _ = x.Sum(1);
        int compiled = Gpu.Backend.CompiledKernels;
        _ = (x.Sin() * x).Sum(1);
        _ = (x.Tanh() - x).Sum(0);
        Assert.Equal(compiled, Gpu.Backend.CompiledKernels);
    }
}
