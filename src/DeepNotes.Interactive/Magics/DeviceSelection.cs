using DeepNotes.Gpu;

namespace DeepNotes.Interactive.Magics;

/// <summary>
/// The backend chosen with #!device. Selecting a device also makes it <see cref="Device.Default"/>, where the
/// Np creation functions (Np.Zeros, Np.Array, Np.Random...) place new tensors.
/// </summary>
public static class DeviceSelection
{
    public static Device Current { get; private set; } = Device.Cpu;

    /// <summary>What the last selection picked, in words (shown by #!device).</summary>
    public static string Description { get; private set; } = Device.Cpu.Description;

    /// <summary>Selects "cpu" or "gpu". gpu starts the ILGPU backend on first use: CUDA when present, else ILGPU's
    /// CPU accelerator (the same code path, for machines without an NVIDIA GPU); it fails clearly when ILGPU can't start.</summary>
    public static Device Select(string name)
    {
        switch (name)
        {
            case "cpu":
                Current = Device.Cpu;
                Description = Device.Cpu.Description;
                break;
            case "gpu":
                if (Backends.Gpu is null && !GpuBackend.TryInitialize(out var why))
                    throw new InvalidOperationException($"#!device gpu: {why}; staying on cpu");
                Current = Backends.Gpu!.Device;
                Description = Current.Description;
                break;
            default:
                throw MagicArguments.Error("#!device", $"unknown device \"{name}\": expected cpu or gpu", "#!device cpu");
        }
        Device.Default = Current;
        return Current;
    }
}
