using ILGPU;
using ILGPU.Runtime;

namespace DeepNotes.Gpu;

/// <summary>
/// Tensor storage in accelerator memory: a pooled ILGPU buffer (its capacity is the pool's size class, at least
/// <see cref="Length"/>). Dispose returns the buffer to the pool at once; a <see cref="GpuScope"/> disposes every
/// storage made inside it. Storage that is never disposed is freed by the garbage collector.
/// </summary>
public sealed class GpuStorage<T> : Storage, IDisposable where T : unmanaged
{
    private readonly GpuBackend backend;
    private MemoryBuffer1D<T, Stride1D.Dense>? buffer;

    internal GpuStorage(GpuBackend backend, MemoryBuffer1D<T, Stride1D.Dense> buffer, int length)
    {
        this.backend = backend;
        this.buffer = buffer;
        Length = length;
    }

    public override int Length { get; }
    public override DType DType => DTypeExtensions.Of<T>();
    public override Device Device => backend.Device;

    /// <summary>True once the buffer went back to the pool.</summary>
    public bool IsDisposed => buffer is null;

    /// <summary>The ILGPU buffer (its capacity may exceed Length).</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Buffer => buffer
        ?? throw new ObjectDisposedException(nameof(GpuStorage<T>), "this GPU tensor's memory was released (Dispose, or the end of its GpuBackend.Scope()); keep it with GpuBackend.Keep(tensor)");

    /// <summary>The first Length elements as a view for kernels.</summary>
    public ArrayView<T> View => Buffer.View.SubView(0, Length).AsContiguous();

    /// <summary>The last tensor on this buffer was disposed (Tensor.Dispose): back to the pool.</summary>
    protected override void Recycle() => Dispose();

    public void Dispose()
    {
        var b = Interlocked.Exchange(ref buffer, null);
        if (b is null) return;
        backend.Pool.Return(b);
        GC.SuppressFinalize(this);
    }

    ~GpuStorage()
    {
        // The ILGPU buffer frees itself when collected; only the pool's accounting needs the news.
        if (buffer is { } b) backend.Pool.Forget(b.LengthInBytes);
    }
}
