namespace DeepNotes;

/// <summary>Where a tensor's data lives. The CPU engine is always there; a GPU backend registers itself.</summary>
public sealed class Device : IEquatable<Device>
{
    private Device(string kind, int index, string description)
    {
        Kind = kind;
        Index = index;
        Description = description;
    }

    public static Device Cpu { get; } = new("cpu", 0, "CPU (SIMD)");

    /// <summary>The GPU device of the registered backend; throws if none is registered.</summary>
    public static Device Gpu => Backends.Gpu?.Device
        ?? throw new InvalidOperationException("no GPU backend is loaded: reference DeepNotes.Gpu and call GpuBackend.Initialize()");

    /// <summary>
    /// The device the user-facing creation functions (Np.Zeros, Np.Ones, Np.Full, Np.Arange, Np.Linspace, Np.Eye,
    /// Np.Array) put new tensors on; the CPU unless a notebook switched (<c>#!device gpu</c>). Engine internals
    /// always allocate on the CPU or on their inputs' device.
    /// </summary>
    public static Device Default
    {
        get => defaultDevice;
        set => defaultDevice = value ?? throw new ArgumentNullException(nameof(value));
    }

    private static Device defaultDevice = Cpu;

    /// <summary>
    /// The device an op on these tensors runs on. A 0-d CPU tensor (a scalar) may join tensors on any device;
    /// otherwise all must share one device, else the error names the op and both devices.
    /// </summary>
    public static Device Common(string op, Tensor a, Tensor b)
    {
        var da = a.Device;
        var db = b.Device;
        if (da.Equals(db)) return da;
        if (db.IsCpu && b.Rank == 0) return da;
        if (da.IsCpu && a.Rank == 0) return db;
        throw new InvalidOperationException(
            $"{op}: expected all tensors on the same device, but found {a.Shape} on {da} and {b.Shape} on {db}; move one with .To({(da.IsCpu ? "Device.Gpu" : "Device.Cpu")}) or .ToCpu()");
    }

    public string Kind { get; }
    public int Index { get; }
    public string Description { get; }
    public bool IsCpu => Kind == "cpu";

    /// <summary>Used by backends to describe their device.</summary>
    public static Device Create(string kind, int index, string description) => new(kind, index, description);

    public bool Equals(Device? other) => other is not null && other.Kind == Kind && other.Index == Index;
    public override bool Equals(object? obj) => obj is Device d && Equals(d);
    public override int GetHashCode() => HashCode.Combine(Kind, Index);
    public override string ToString() => Index == 0 ? Kind : $"{Kind}:{Index}";
}
