using DeepNotes.Interactive.Magics;

namespace DeepNotes.Interactive.Tests;

/// <summary>Device.Default is process-wide, so these run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(DeviceMagicCollection), DisableParallelization = true)]
public sealed class DeviceMagicCollection;

[Collection(nameof(DeviceMagicCollection))]
public sealed class DeviceMagicTests : IDisposable
{
    private readonly TestKernel kernel = new();

    [Fact]
    public async Task Device_gpu_starts_the_ilgpu_backend_and_new_tensors_go_there()
    {
        // No NVIDIA GPU here: the backend picks ILGPU's CPU accelerator, which runs the same kernels.
        var s = (await kernel.RunAsync("#!device gpu")).Succeeded();
        Assert.Contains("device: gpu", s.Text);
        var placed = (await kernel.RunAsync("var t = Np.Zeros(2, 3) + 1.0; t.Device.Kind + \" \" + t.Sum().Item()")).Succeeded();
        Assert.Contains("gpu 6", placed.Text + placed.Html);
        var back = (await kernel.RunAsync("#!device cpu\nNp.Zeros(2).Device.Kind")).Succeeded();
        Assert.Contains("cpu", back.Text + back.Html);
        Assert.Equal(Device.Cpu, Device.Default);
    }

    public void Dispose()
    {
        DeviceSelection.Select("cpu");
        kernel.Dispose();
    }
}
