namespace DeepNotes;

/// <summary>A flat buffer of elements shared by a tensor and its views.</summary>
public abstract class Storage
{
    public abstract int Length { get; }
    public abstract DType DType { get; }
    public virtual Device Device => Device.Cpu;
}

/// <summary>CPU storage: a managed array, so kernels get spans with no pinning.</summary>
public sealed class CpuStorage<T> : Storage where T : unmanaged
{
    public CpuStorage(T[] data) => Data = data;
    public CpuStorage(int length) => Data = length == 0 ? [] : GC.AllocateUninitializedArray<T>(length);

    public T[] Data { get; }
    public override int Length => Data.Length;
    public override DType DType => DTypeExtensions.Of<T>();
}
