using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace DeepNotes.Gpu;

/// <summary>
/// The ILGPU backend: owns one accelerator (CUDA when present, else ILGPU's CPU accelerator, which runs the same
/// kernels on CPU threads so the GPU path is testable anywhere), its compiled kernels and its buffer pool, and
/// registers itself in <see cref="Backends.Gpu"/> so the engine's drivers dispatch GPU tensors here.
/// </summary>
public sealed partial class GpuBackend : IGpuBackend, IDisposable
{
    private static readonly object InitGate = new();
    private readonly Context context;
    private readonly Dictionary<string, object> kernels = [];

    private GpuBackend(Context context, Accelerator accelerator)
    {
        this.context = context;
        Accelerator = accelerator;
        IsCuda = accelerator.AcceleratorType == AcceleratorType.Cuda;
        Device = DeepNotes.Device.Create("gpu", 0, $"{accelerator.Name} ({(IsCuda ? "CUDA" : "ILGPU CPU accelerator")})");
        Pool = new BufferPool(accelerator, accelerator.MemorySize > 0 ? accelerator.MemorySize : long.MaxValue);
        GroupSize = Math.Min(256, 1 << BitOperations.Log2((uint)accelerator.MaxNumThreadsPerGroup));
    }

    /// <summary>The backend registered by <see cref="Initialize"/>, or null.</summary>
    public static GpuBackend? Current { get; private set; }

    /// <summary>The ILGPU accelerator all kernels run on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>True on an NVIDIA GPU; false on ILGPU's CPU accelerator.</summary>
    public bool IsCuda { get; }

    public Device Device { get; }

    /// <summary>Threads per group for the grouped kernels (reductions, softmax): a power of two ≤ 256.</summary>
    internal int GroupSize { get; }

    internal BufferPool Pool { get; }

    /// <summary>Device memory in bytes.</summary>
    public long MemoryBytes => Accelerator.MemorySize;

    /// <summary>Threads per warp (32 on NVIDIA GPUs).</summary>
    public int WarpSize => Accelerator.WarpSize;

    /// <summary>The most bytes GPU tensors may hold (live plus pooled); lower it to make out-of-memory errors early.</summary>
    public long MemoryLimitBytes
    {
        get => Pool.LimitBytes;
        set => Pool.LimitBytes = value;
    }

    /// <summary>Bytes held by live GPU tensors.</summary>
    public long LiveBytes => Pool.LiveBytes;

    /// <summary>Bytes in released buffers kept for reuse.</summary>
    public long PooledBytes => Pool.PooledBytes;

    /// <summary>Buffers allocated from the device (pool misses) so far.</summary>
    public long Allocations => Pool.Allocations;

    public string Description =>
        $"{Accelerator.Name} ({(IsCuda ? "CUDA" : "ILGPU CPU accelerator: no CUDA device found")}), " +
        $"{(IsCuda ? GpuOutOfMemoryException.Format(MemoryBytes) : "host memory")}, warp size {WarpSize}, {Accelerator.NumMultiprocessors} multiprocessors";

    /// <summary>
    /// Creates the backend once (later calls return the same one) and registers it in <see cref="Backends.Gpu"/>:
    /// the first CUDA device if there is one (unless preferCuda is false), else ILGPU's CPU accelerator.
    /// </summary>
    public static GpuBackend Initialize(bool preferCuda = true)
    {
        lock (InitGate)
        {
            if (Current is { } existing) return existing;
            var context = Context.Create(builder => builder.Default().EnableAlgorithms().Optimize(OptimizationLevel.O1));
            Accelerator accelerator;
            var cuda = context.GetCudaDevices();
            if (preferCuda && cuda.Count > 0) accelerator = cuda[0].CreateAccelerator(context);
            else
            {
                // Small groups (16 threads): each group thread is an OS thread here, and barriers across
                // hundreds of them on a few cores would crawl. The kernels size their tiles from the group limit.
                var device = new CPUDevice(numThreadsPerWarp: 4, numWarpsPerMultiprocessor: 4, numMultiprocessors: 1);
                accelerator = device.CreateCPUAccelerator(context, CPUAcceleratorMode.Parallel);
            }
            var backend = new GpuBackend(context, accelerator);
            Current = backend;
            Backends.Gpu = backend;
            return backend;
        }
    }

    /// <summary>
    /// Initialize without throwing (for <c>#!device gpu</c>): true and a description of what was picked, or false
    /// and why it failed.
    /// </summary>
    public static bool TryInitialize(out string description)
    {
        try
        {
            description = Initialize().Description;
            return true;
        }
        catch (Exception e)
        {
            description = $"GPU backend unavailable: {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>A scope that releases the GPU tensors made inside it (see <see cref="GpuScope"/>).</summary>
    public static GpuScope Scope() => new();

    /// <summary>Keeps t's GPU memory alive past the current scope (it moves to the enclosing one); returns t.</summary>
    public static Tensor Keep(Tensor t)
    {
        if (t.Storage is IDisposable d) GpuScope.Current?.Release(d);
        return t;
    }

    /// <summary>Releases t's GPU memory now (t must not be used afterwards).</summary>
    public static void Release(Tensor t)
    {
        if (t.Storage is IDisposable d)
        {
            GpuScope.Detach(d);
            d.Dispose();
        }
    }

    /// <summary>Waits for all queued kernels.</summary>
    public void Synchronize() => Accelerator.Synchronize();

    /// <summary>Frees the pooled (released) buffers.</summary>
    public void TrimPool() => Pool.Trim();

    public void Dispose()
    {
        lock (InitGate)
        {
            if (ReferenceEquals(Backends.Gpu, this)) Backends.Gpu = null;
            if (ReferenceEquals(Current, this)) Current = null;
            if (DeepNotes.Device.Default.Equals(Device)) DeepNotes.Device.Default = DeepNotes.Device.Cpu;
            Pool.Trim();
            Accelerator.Dispose();
            context.Dispose();
        }
    }

    // ---- allocation and transfers ----

    /// <summary>A new contiguous, uninitialised GPU tensor, tracked by the current scope.</summary>
    internal Tensor Allocate(int[] shape, DType dtype)
    {
        int size = DeepNotes.Shape.SizeOf(shape);
        Storage storage = dtype == DType.Float32 ? NewStorage<float>(size) : NewStorage<double>(size);
        return new Tensor(storage, shape, DeepNotes.Shape.ContiguousStrides(shape), 0);
    }

    private GpuStorage<T> NewStorage<T>(int size) where T : unmanaged
    {
        var s = new GpuStorage<T>(this, Pool.Rent<T>(size), size);
        GpuScope.Current?.Add(s);
        return s;
    }

    internal static ArrayView<T> ViewOf<T>(Tensor t) where T : unmanaged => ((GpuStorage<T>)t.Storage).View;

    public Tensor Upload(Tensor cpu)
    {
        cpu.RequireCpu("to");
        var src = cpu.Contiguous();
        var result = Allocate(src.ShapeCopy(), src.DType);
        if (src.Size == 0) return result;
        if (src.DType == DType.Float32) ViewOf<float>(result).SubView(0, src.Size).CopyFromCPU(src.AsSpan<float>());
        else ViewOf<double>(result).SubView(0, src.Size).CopyFromCPU(src.AsSpan<double>());
        return result;
    }

    public Tensor Download(Tensor gpu)
    {
        var src = gpu.IsContiguous ? gpu : Copy(gpu);
        var result = new Tensor(src.ShapeCopy(), src.DType);
        if (src.Size == 0) return result;
        if (src.DType == DType.Float32) ViewOf<float>(src).SubView(src.Offset, src.Size).CopyToCPU(result.AsSpan<float>());
        else ViewOf<double>(src).SubView(src.Offset, src.Size).CopyToCPU(result.AsSpan<double>());
        Accelerator.Synchronize();
        return result;
    }

    // ---- kernel cache: each kernel is compiled once per accelerator ----

    internal TDelegate Kernel<TDelegate>(string key, Func<Accelerator, TDelegate> load) where TDelegate : Delegate
    {
        lock (kernels)
        {
            if (!kernels.TryGetValue(key, out var k)) kernels[key] = k = load(Accelerator);
            return (TDelegate)k;
        }
    }

    /// <summary>Compiled kernels so far (for tests: a second call must not compile again).</summary>
    internal int CompiledKernels
    {
        get { lock (kernels) return kernels.Count; }
    }

    /// <summary>Launch configuration for one group per item (rows of a reduction or softmax).</summary>
    internal KernelConfig GroupPerItem(int items) => new(new Index1D(items), new Index1D(GroupSize));
}
