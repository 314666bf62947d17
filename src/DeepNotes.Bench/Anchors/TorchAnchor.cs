using TorchSharp;

namespace DeepNotes.Bench.Anchors;

/// <summary>libtorch through TorchSharp-cpu, CPU only, with a fixed thread count.</summary>
public sealed class TorchAnchor : IDisposable
{
    private TorchAnchor() { }

    public static TorchAnchor? TryLoad(int threads, out string status)
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            torch.set_num_threads(threads);
            using (var probe = torch.ones(2, 2)) probe.sum().Dispose();
            status = $"TorchSharp {typeof(torch).Assembly.GetName().Version}, {torch.get_num_threads()} threads";
            return new TorchAnchor();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or InvalidOperationException or EntryPointNotFoundException)
        {
            var inner = e;
            while (inner.InnerException != null) inner = inner.InnerException;
            status = $"TorchSharp did not load ({inner.Message.Split('\n')[0]}), skipped. Build the bench so its ELF patch step runs.";
            return null;
        }
    }

    /// <summary>A float32 tensor over a copy of data.</summary>
    public static torch.Tensor FromArray(float[] data, params long[] shape) => torch.tensor(data, shape, dtype: torch.ScalarType.Float32);

    public void Dispose() { }
}
