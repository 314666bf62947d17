using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace DeepNotes.Gpu;

/// <summary>
/// Reuses accelerator buffers by size class (powers of two, at least 256 elements), so a training loop that
/// releases its temporaries (a <see cref="GpuScope"/>) allocates nothing after the first step. Allocation
/// past the memory limit first empties the pool, then fails with the bytes requested and free.
/// </summary>
internal sealed class BufferPool
{
    private readonly Accelerator accelerator;
    private readonly Dictionary<(int, long), Stack<MemoryBuffer>> free = [];
    private readonly object gate = new();
    private long liveBytes;
    private long pooledBytes;

    public BufferPool(Accelerator accelerator, long limitBytes)
    {
        this.accelerator = accelerator;
        LimitBytes = limitBytes;
    }

    /// <summary>The most bytes live plus pooled buffers may take (the device's memory unless lowered).</summary>
    public long LimitBytes { get; set; }

    /// <summary>Bytes in buffers that tensors hold now.</summary>
    public long LiveBytes => Interlocked.Read(ref liveBytes);

    /// <summary>Bytes in released buffers kept for reuse.</summary>
    public long PooledBytes => Interlocked.Read(ref pooledBytes);

    /// <summary>Allocations that missed the pool (for tests and diagnostics).</summary>
    public long Allocations { get; private set; }

    public static long SizeClass(long length) => length <= 256 ? 256 : (long)BitOperations.RoundUpToPowerOf2((ulong)length);

    public MemoryBuffer1D<T, Stride1D.Dense> Rent<T>(long length) where T : unmanaged
    {
        long capacity = SizeClass(length);
        long bytes = capacity * Interop.SizeOf<T>();
        lock (gate)
        {
            if (free.TryGetValue((Interop.SizeOf<T>(), capacity), out var stack) && stack.Count > 0)
            {
                var reused = (MemoryBuffer1D<T, Stride1D.Dense>)stack.Pop();
                pooledBytes -= bytes;
                liveBytes += bytes;
                return reused;
            }
            if (liveBytes + pooledBytes + bytes > LimitBytes) Trim();
            if (liveBytes + bytes > LimitBytes) throw OutOfMemory(bytes, null);
            MemoryBuffer1D<T, Stride1D.Dense> buffer;
            try
            {
                buffer = accelerator.Allocate1D<T>(capacity);
            }
            catch (Exception e) when (e is not GpuOutOfMemoryException)
            {
                Trim();
                try
                {
                    buffer = accelerator.Allocate1D<T>(capacity);
                }
                catch (Exception again)
                {
                    throw OutOfMemory(bytes, again);
                }
            }
            Allocations++;
            liveBytes += bytes;
            return buffer;
        }
    }

    public void Return(MemoryBuffer buffer)
    {
        lock (gate)
        {
            long bytes = buffer.LengthInBytes;
            liveBytes -= bytes;
            var key = (buffer.ElementSize, buffer.Length);
            if (!free.TryGetValue(key, out var stack)) free[key] = stack = new Stack<MemoryBuffer>();
            stack.Push(buffer);
            pooledBytes += bytes;
        }
    }

    /// <summary>A buffer was collected without being returned.</summary>
    public void Forget(long bytes) => Interlocked.Add(ref liveBytes, -bytes);

    /// <summary>Frees every pooled buffer.</summary>
    public void Trim()
    {
        lock (gate)
        {
            foreach (var stack in free.Values)
                while (stack.Count > 0) stack.Pop().Dispose();
            pooledBytes = 0;
        }
    }

    private GpuOutOfMemoryException OutOfMemory(long bytes, Exception? inner)
    {
        long freeBytes = Math.Max(0, LimitBytes - liveBytes);
        if (accelerator is ILGPU.Runtime.Cuda.CudaAccelerator cuda)
        {
            try { freeBytes = cuda.GetFreeMemory(); } catch { /* keep the estimate */ }
        }
        return new GpuOutOfMemoryException(bytes, freeBytes, liveBytes, LimitBytes, accelerator.Name, inner);
    }
}

/// <summary>The GPU could not hold a new tensor: says how many bytes were asked for and how many are free.</summary>
public sealed class GpuOutOfMemoryException(long requested, long free, long live, long limit, string device, Exception? inner)
    : InvalidOperationException(
        $"GPU out of memory on {device}: requested {Format(requested)}, free {Format(free)} " +
        $"({Format(live)} held by live tensors, limit {Format(limit)}). Release temporaries with using (GpuBackend.Scope()) {{ ... }} or use smaller batches.",
        inner)
{
    public long RequestedBytes { get; } = requested;
    public long FreeBytes { get; } = free;

    internal static string Format(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.##} GiB ({bytes} bytes)"
        : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.##} MiB ({bytes} bytes)"
        : $"{bytes} bytes";
}
