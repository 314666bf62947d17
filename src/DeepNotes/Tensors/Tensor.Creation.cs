namespace DeepNotes;

public sealed partial class Tensor
{
    /// <summary>The dtype used when none is given. numpy's default, float64, suits the from-scratch course code.</summary>
    public static DType DefaultDType { get; set; } = DType.Float64;

    public static Tensor Empty(int[] shape, DType? dtype = null) => new(CheckShape(shape, "empty"), dtype ?? DefaultDType);

    public static Tensor Zeros(params int[] shape) => Full(shape, 0.0);
    public static Tensor Zeros(int[] shape, DType dtype) => Full(shape, 0.0, dtype);
    public static Tensor Ones(params int[] shape) => Full(shape, 1.0);
    public static Tensor Ones(int[] shape, DType dtype) => Full(shape, 1.0, dtype);

    public static Tensor Full(int[] shape, double value, DType? dtype = null)
    {
        var t = new Tensor(CheckShape(shape, "full"), dtype ?? DefaultDType);
        t.FillNoGrad(value);
        return t;
    }

    public static Tensor Scalar(double value, DType? dtype = null) => Full([], value, dtype);

    // The *Like functions allocate on t's device (autodiff's seed gradient and optimizer state rely on it).
    public static Tensor ZerosLike(Tensor t) => FullLike(t, 0.0);
    public static Tensor OnesLike(Tensor t) => FullLike(t, 1.0);
    public static Tensor FullLike(Tensor t, double value) => t.Device.IsCpu ? Full(t.ShapeCopy(), value, t.DType) : Backends.Gpu!.Full(t.ShapeCopy(), value, t.DType);

    /// <summary>Values from start up to (not including) stop, like numpy.arange.</summary>
    public static Tensor Arange(double start, double stop, double step = 1, DType? dtype = null)
    {
        if (step == 0) throw new ArgumentException("arange: step must not be zero");
        int n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var t = new Tensor([n], dtype ?? DefaultDType);
        for (int i = 0; i < n; i++) t.SetFlat(i, start + i * step);
        return t;
    }

    public static Tensor Arange(int stop, DType? dtype = null) => Arange(0, stop, 1, dtype);

    /// <summary>num evenly spaced values over [start, stop], like numpy.linspace.</summary>
    public static Tensor Linspace(double start, double stop, int num = 50, bool endpoint = true, DType? dtype = null)
    {
        if (num < 0) throw new ArgumentException($"linspace: number of samples, {num}, must be non-negative");
        var t = new Tensor([num], dtype ?? DefaultDType);
        double div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : 0;
        for (int i = 0; i < num; i++) t.SetFlat(i, start + i * step);
        if (endpoint && num > 1) t.SetFlat(num - 1, stop);
        return t;
    }

    /// <summary>Identity-like matrix with ones on diagonal k.</summary>
    public static Tensor Eye(int n, int? m = null, int k = 0, DType? dtype = null)
    {
        int cols = m ?? n;
        var t = Zeros([n, cols], dtype ?? DefaultDType);
        for (int i = 0; i < n; i++)
            if (i + k >= 0 && i + k < cols) t.SetFlat(i * cols + i + k, 1);
        return t;
    }

    // From C# arrays: the shape is the array's shape; double[] → float64, float[] → float32 (like numpy).
    public static Tensor FromArray(double[] data, params int[] shape) => FromSpan<double>(data, shape.Length == 0 ? [data.Length] : shape);
    public static Tensor FromArray(float[] data, params int[] shape) => FromSpan<float>(data, shape.Length == 0 ? [data.Length] : shape);
    public static Tensor FromArray(double[,] data) => FromMulti<double>(data);
    public static Tensor FromArray(float[,] data) => FromMulti<float>(data);
    public static Tensor FromArray(double[,,] data) => FromMulti<double>(data);
    public static Tensor FromArray(float[,,] data) => FromMulti<float>(data);
    public static Tensor FromArray(double[,,,] data) => FromMulti<double>(data);
    public static Tensor FromArray(float[,,,] data) => FromMulti<float>(data);
    public static Tensor FromArray(int[] data, params int[] shape) => FromArray(Array.ConvertAll(data, x => (double)x), shape);
    public static Tensor FromArray(byte[] data, params int[] shape) => FromArray(Array.ConvertAll(data, x => (double)x), shape);

    public static implicit operator Tensor(double value) => Scalar(value);

    /// <summary>A tensor over a copy of the span's elements with the given shape.</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, params int[] shape) where T : unmanaged
    {
        CheckShape(shape, "from_array");
        int size = DeepNotes.Shape.SizeOf(shape);
        if (size != data.Length)
            throw new ArgumentException($"from_array: cannot reshape array of size {data.Length} into shape {DeepNotes.Shape.Format(shape)}");
        var storage = new CpuStorage<T>(data.ToArray());
        return new Tensor(storage, (int[])shape.Clone(), DeepNotes.Shape.ContiguousStrides(shape), 0);
    }

    /// <summary>Wraps an existing array without copying (the tensor aliases it).</summary>
    public static Tensor Wrap<T>(T[] data, params int[] shape) where T : unmanaged
    {
        CheckShape(shape, "wrap");
        if (DeepNotes.Shape.SizeOf(shape) != data.Length)
            throw new ArgumentException($"wrap: array of size {data.Length} does not match shape {DeepNotes.Shape.Format(shape)}");
        return new Tensor(new CpuStorage<T>(data), (int[])shape.Clone(), DeepNotes.Shape.ContiguousStrides(shape), 0);
    }

    private static Tensor FromMulti<T>(Array data) where T : unmanaged
    {
        var shape = new int[data.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = data.GetLength(i);
        var flat = new T[data.Length];
        int k = 0;
        foreach (T v in data) flat[k++] = v;   // multi-dimensional arrays enumerate in row-major order
        return Wrap(flat, shape);
    }

    internal static int[] CheckShape(int[] shape, string op)
    {
        foreach (var d in shape)
            if (d < 0) throw new ArgumentException($"{op}: negative dimensions are not allowed, got shape {DeepNotes.Shape.Format(shape)}");
        return (int[])shape.Clone();
    }

    /// <summary>Writes element i of a contiguous tensor in row-major order.</summary>
    internal void SetFlat(int i, double value)
    {
        if (DType == DType.Float32) Data<float>()[Offset + i] = (float)value;
        else Data<double>()[Offset + i] = value;
    }

    /// <summary>Sets every element (through views too) to value, in place, outside autodiff.</summary>
    internal void FillNoGrad(double value)
    {
        if (!Device.IsCpu)
        {
            Backends.Gpu!.Fill(this, value);
            return;
        }
        if (DType == DType.Float32) FillTyped(this, (float)value);
        else FillTyped(this, value);
    }

    private static void FillTyped<T>(Tensor t, T value) where T : unmanaged
    {
        var data = t.Data<T>();
        if (t.IsContiguous)
        {
            data.AsSpan(t.Offset, t.Size).Fill(value);
            return;
        }
        var it = new StridedCursor(t.shape, t.strides, t.Offset);
        while (it.MoveNext(out int off))
            for (int j = 0; j < it.InnerCount; j++) data[off + j * it.InnerStride] = value;
    }

    /// <summary>In-place fill (numpy's a.fill(v)); refuses tensors that are part of a recorded graph.</summary>
    public Tensor Fill(double value)
    {
        CheckInPlace("fill");
        FillNoGrad(value);
        return this;
    }

    internal void CheckInPlace(string op)
    {
        if (Autodiff.Enabled && RequiresGrad && IsLeaf)
            throw new InvalidOperationException($"{op}: a leaf tensor that requires grad cannot be modified in place outside Tensor.NoGrad()");
    }
}
