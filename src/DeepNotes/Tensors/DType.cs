namespace DeepNotes;

/// <summary>Element type of a tensor. Float64 mirrors numpy's default; Float32 is what Keras-style models train in.</summary>
public enum DType
{
    Float32,
    Float64,
}

public static class DTypeExtensions
{
    public static int ElementSize(this DType dtype) => dtype == DType.Float32 ? 4 : 8;

    public static string Name(this DType dtype) => dtype == DType.Float32 ? "float32" : "float64";

    /// <summary>numpy's promotion rule for our two types: mixing them gives float64.</summary>
    public static DType Promote(DType a, DType b) => a == DType.Float64 || b == DType.Float64 ? DType.Float64 : DType.Float32;

    internal static DType Of<T>() => typeof(T) == typeof(float) ? DType.Float32
        : typeof(T) == typeof(double) ? DType.Float64
        : throw new NotSupportedException($"element type {typeof(T).Name} is not supported (float or double)");
}
