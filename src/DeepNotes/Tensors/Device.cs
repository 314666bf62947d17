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
