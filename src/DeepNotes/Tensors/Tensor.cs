using System.Numerics;

namespace DeepNotes;

/// <summary>
/// An n-dimensional array of float32 or float64 with numpy semantics: row-major storage,
/// shape and strides (in elements), cheap views, broadcasting, and reverse-mode autodiff.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly int[] shape;
    private readonly int[] strides;

    internal Tensor(Storage storage, int[] shape, int[] strides, int offset)
    {
        Storage = storage;
        storage.AddReference();
        this.shape = shape;
        this.strides = strides;
        Offset = offset;
    }

    /// <summary>A new contiguous, uninitialised tensor (callers fill it).</summary>
    internal Tensor(int[] shape, DType dtype)
        : this(AllocateCpu(new Shape(shape).Size, dtype), shape, Shape.ContiguousStrides(shape), 0)
    {
    }

    internal static Storage AllocateCpu(int length, DType dtype) => dtype == DType.Float32
        ? new CpuStorage<float>(length)
        : new CpuStorage<double>(length);

    public Storage Storage { get; private set; }
    public int Offset { get; private set; }
    public Shape Shape => new(shape);
    internal int[] Dims => shape;
    internal int[] StridesInternal => strides;
    public int[] Strides => (int[])strides.Clone();
    public int Rank => shape.Length;
    public int Size => DeepNotes.Shape.SizeOf(shape);
    public DType DType => Storage.DType;
    public Device Device => Storage.Device;

    /// <summary>numpy's len(): the size of the first axis.</summary>
    public int Length => Rank == 0 ? throw new InvalidOperationException("len() of a 0-d tensor") : shape[0];

    public bool IsContiguous
    {
        get
        {
            if (Size == 0) return true;   // nothing to lay out (and ContiguousStrides of a shape with zeros is not checkable)
            int s = 1;
            for (int i = shape.Length - 1; i >= 0; i--)
            {
                if (shape[i] != 1 && strides[i] != s) return false;
                s *= shape[i];
            }
            return true;
        }
    }

    /// <summary>The CPU array behind this tensor (views share it; mind Offset and Strides).</summary>
    public T[] Data<T>() where T : unmanaged
    {
        if (Storage is CpuStorage<T> cpu) return cpu.Data;
        if (Storage is DisposedStorage) throw DisposedStorage.Error();
        if (!Device.IsCpu) throw new InvalidOperationException($"tensor is on {Device}; call .ToCpu() first");
        throw new InvalidOperationException($"tensor has dtype {DType.Name()}, not {DTypeExtensions.Of<T>().Name()}");
    }

    /// <summary>The elements of a contiguous tensor as a span (throws for strided views).</summary>
    public Span<T> AsSpan<T>() where T : unmanaged
    {
        if (!IsContiguous) throw new InvalidOperationException($"AsSpan: tensor of shape {Shape} is a strided view; call Contiguous() first");
        return Data<T>().AsSpan(Offset, Size);
    }

    /// <summary>This tensor if it is already contiguous, else a row-major copy.</summary>
    public Tensor Contiguous() => IsContiguous ? this : Copy();

    /// <summary>A contiguous deep copy (numpy's .copy()).</summary>
    public Tensor Copy()
    {
        var result = Autodiff.Record(CopyNoGrad(), "copy", [this], g => [g]);
        return result;
    }

    internal Tensor CopyNoGrad()
    {
        if (!Device.IsCpu) return Backends.Gpu!.Copy(this);
        var result = new Tensor(ShapeCopy(), DType);
        if (DType == DType.Float32) CopyInto<float>(this, result);
        else CopyInto<double>(this, result);
        return result;
    }

    internal int[] ShapeCopy() => (int[])shape.Clone();

    /// <summary>Copies src (any strides) into a contiguous dst of the same shape and dtype.</summary>
    internal static void CopyInto<T>(Tensor src, Tensor dst) where T : unmanaged
    {
        var s = src.Data<T>();
        var d = dst.AsSpan<T>();
        if (src.IsContiguous)
        {
            s.AsSpan(src.Offset, src.Size).CopyTo(d);
            return;
        }
        var it = new StridedCursor(src.shape, src.strides, src.Offset);
        int n = it.InnerCount, stride = it.InnerStride, pos = 0;
        while (it.MoveNext(out int off))
        {
            if (stride == 1) s.AsSpan(off, n).CopyTo(d.Slice(pos, n));
            else for (int j = 0; j < n; j++) d[pos + j] = s[off + j * stride];
            pos += n;
        }
    }

    /// <summary>Reads one element as double, whatever the dtype (numpy's item()).</summary>
    public double Item()
    {
        if (Size != 1) throw new InvalidOperationException($"item: can only convert a tensor of size 1 to a scalar, got shape {Shape}");
        if (!Device.IsCpu) return Backends.Gpu!.Download(this).Item();
        return DType == DType.Float32 ? Data<float>()[Offset] : Data<double>()[Offset];
    }

    /// <summary>Reads the element at a full index (negative indices count from the end).</summary>
    public double GetValue(params int[] index)
    {
        RequireCpu("GetValue");
        int off = OffsetOf(index, "GetValue");
        return DType == DType.Float32 ? Data<float>()[off] : Data<double>()[off];
    }

    /// <summary>Writes the element at a full index.</summary>
    public void SetValue(double value, params int[] index)
    {
        RequireCpu("SetValue");
        int off = OffsetOf(index, "SetValue");
        if (DType == DType.Float32) Data<float>()[off] = (float)value;
        else Data<double>()[off] = value;
    }

    internal int OffsetOf(ReadOnlySpan<int> index, string op)
    {
        if (index.Length != Rank)
            throw new ArgumentException($"{op}: got {index.Length} indices for a tensor of rank {Rank} (shape {Shape})");
        int off = Offset;
        for (int i = 0; i < index.Length; i++)
        {
            int k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i])
                throw new IndexOutOfRangeException($"{op}: index {index[i]} is out of bounds for axis {i} with size {shape[i]}");
            off += k * strides[i];
        }
        return off;
    }

    /// <summary>All elements in row-major order as doubles (a copy).</summary>
    public double[] ToArray()
    {
        if (!Device.IsCpu) return Backends.Gpu!.Download(this).ToArray();
        var c = Contiguous();
        return c.DType == DType.Float64 ? c.AsSpan<double>().ToArray() : Array.ConvertAll(c.AsSpan<float>().ToArray(), x => (double)x);
    }

    /// <summary>All elements in row-major order as floats (a copy).</summary>
    public float[] ToFloatArray()
    {
        if (!Device.IsCpu) return Backends.Gpu!.Download(this).ToFloatArray();
        var c = Contiguous();
        return c.DType == DType.Float32 ? c.AsSpan<float>().ToArray() : Array.ConvertAll(c.AsSpan<double>().ToArray(), x => (float)x);
    }

    public static explicit operator double(Tensor t) => t.Item();
    public static explicit operator float(Tensor t) => (float)t.Item();

    /// <summary>A copy converted to another dtype (numpy's astype); the same tensor if it already has it.</summary>
    public Tensor AsType(DType dtype)
    {
        if (dtype == DType) return this;
        var result = Device.IsCpu ? ConvertOnCpu(dtype) : Backends.Gpu!.AsType(this, dtype);
        var from = DType;
        return Autodiff.Record(result, "astype", [this], g => [g.AsType(from)]);
    }

    private Tensor ConvertOnCpu(DType dtype)
    {
        var src = Contiguous();
        var result = new Tensor(ShapeCopy(), dtype);
        if (dtype == DType.Float64)
        {
            var s = src.AsSpan<float>();
            var d = result.AsSpan<double>();
            for (int i = 0; i < s.Length; i++) d[i] = s[i];
        }
        else
        {
            var s = src.AsSpan<double>();
            var d = result.AsSpan<float>();
            for (int i = 0; i < s.Length; i++) d[i] = (float)s[i];
        }
        return result;
    }

    internal void RequireCpu(string op)
    {
        if (!Device.IsCpu) throw new InvalidOperationException($"{op}: tensor is on {Device}; this operation runs on the CPU (call .ToCpu())");
    }
}
