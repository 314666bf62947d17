namespace DeepNotes;

/// <summary>A non-CPU backend (the ILGPU one) plugs in here; the engine never references it directly.</summary>
public interface IGpuBackend
{
    Device Device { get; }
}

public static class Backends
{
    public static IGpuBackend? Gpu { get; set; }
}
