namespace DeepNotes;

/// <summary>A flat buffer of elements shared by a tensor and its views.</summary>
public abstract class Storage
{
    private int references;
    private volatile bool pinned;

    public abstract int Length { get; }
    public abstract DType DType { get; }
    public virtual Device Device => Device.Cpu;

    /// <summary>
    /// True once the autodiff tape (or a gradient) holds this buffer: backward rules may read it at any later
    /// time, so <see cref="Tensor.Dispose"/> then only drops the tensor's handle and never recycles the memory.
    /// </summary>
    internal bool Pinned => pinned;

    internal void Pin() => pinned = true;

    /// <summary>A tensor object started using this buffer.</summary>
    internal void AddReference() => Interlocked.Increment(ref references);

    /// <summary>A tensor object let go of this buffer; the last one out recycles it unless it is pinned.</summary>
    internal void ReleaseReference()
    {
        if (Interlocked.Decrement(ref references) == 0 && !pinned) Recycle();
    }

    /// <summary>Hands the memory back for reuse (no tensor refers to it any more).</summary>
    protected virtual void Recycle() { }
}

/// <summary>CPU storage: a managed array, so kernels get spans with no pinning.</summary>
public sealed class CpuStorage<T> : Storage where T : unmanaged
{
    private readonly bool pooled;

    /// <summary>Storage over a caller's array (never recycled: the caller may still hold it).</summary>
    public CpuStorage(T[] data) => Data = data;

    /// <summary>New uninitialised storage; large buffers come from, and go back to, <see cref="StoragePool"/>.</summary>
    public CpuStorage(int length)
    {
        if (length == 0) { Data = []; return; }
        pooled = StoragePool.Eligible<T>(length);
        Data = (pooled ? StoragePool.Rent<T>(length) : null) ?? GC.AllocateUninitializedArray<T>(length);
    }

    public T[] Data { get; }
    public override int Length => Data.Length;
    public override DType DType => DTypeExtensions.Of<T>();

    protected override void Recycle()
    {
        if (pooled) StoragePool.Return(Data);
    }
}

/// <summary>What a disposed tensor points at: any use fails with a clear error instead of reading reused memory.</summary>
internal sealed class DisposedStorage(DType dtype, Device device) : Storage
{
    public override int Length => 0;
    public override DType DType => dtype;
    public override Device Device => device;

    internal static ObjectDisposedException Error(string? op = null) =>
        new("Tensor", $"{(op is null ? "" : op + ": ")}this tensor was disposed (its memory may already hold another tensor); " +
                      "keep a reference without `using`, or Copy() what must outlive it");
}
