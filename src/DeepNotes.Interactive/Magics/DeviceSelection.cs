namespace DeepNotes.Interactive.Magics;

/// <summary>The backend chosen with #!device; notebooks read <see cref="Current"/> to place new tensors.</summary>
public static class DeviceSelection
{
    public static Device Current { get; private set; } = Device.Cpu;

    /// <summary>Selects "cpu" or "gpu"; gpu fails clearly when no GPU backend is loaded.</summary>
    public static Device Select(string name)
    {
        Current = name switch
        {
            "cpu" => Device.Cpu,
            "gpu" => Backends.Gpu?.Device ?? throw new InvalidOperationException(
                "#!device gpu: no GPU backend is loaded in this kernel (reference DeepNotes.Gpu and initialize it); staying on cpu"),
            _ => throw MagicArguments.Error("#!device", $"unknown device \"{name}\": expected cpu or gpu", "#!device cpu"),
        };
        return Current;
    }
}
