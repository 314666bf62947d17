namespace DeepNotes;

/// <summary>
/// numpy-style free functions over tensors, for notebook code that reads like the course's math:
/// <c>using static DeepNotes.Np;</c> then <c>var A = Sigmoid(W.MatMul(X) + b);</c>.
/// Each function forwards to the Tensor method of the same meaning.
/// </summary>
public static partial class Np
{
    // The creation functions below put their tensors on Device.Default (the CPU unless a notebook switched with
    // #!device gpu); the engine's internals use Tensor.* directly and stay on the CPU or their inputs' device.
    private static Tensor OnDefaultDevice(Tensor t) => Device.Default.IsCpu ? t : t.MoveNoGrad(Device.Default);

    public static Tensor Zeros(params int[] shape) => OnDefaultDevice(Tensor.Zeros(shape));
    public static Tensor Ones(params int[] shape) => OnDefaultDevice(Tensor.Ones(shape));
    public static Tensor Full(int[] shape, double value, DType? dtype = null) => OnDefaultDevice(Tensor.Full(shape, value, dtype));
    public static Tensor ZerosLike(Tensor t) => Tensor.ZerosLike(t);
    public static Tensor OnesLike(Tensor t) => Tensor.OnesLike(t);
    public static Tensor Arange(double start, double stop, double step = 1, DType? dtype = null) => OnDefaultDevice(Tensor.Arange(start, stop, step, dtype));
    public static Tensor Linspace(double start, double stop, int num = 50, bool endpoint = true, DType? dtype = null) => OnDefaultDevice(Tensor.Linspace(start, stop, num, endpoint, dtype));
    public static Tensor Eye(int n, int? m = null, int k = 0, DType? dtype = null) => OnDefaultDevice(Tensor.Eye(n, m, k, dtype));

    public static Tensor Array(double[] data) => OnDefaultDevice(Tensor.FromArray(data));
    public static Tensor Array(double[,] data) => OnDefaultDevice(Tensor.FromArray(data));
    public static Tensor Array(double[,,] data) => OnDefaultDevice(Tensor.FromArray(data));
    public static Tensor Array(double[,,,] data) => OnDefaultDevice(Tensor.FromArray(data));
    public static Tensor Array(float[] data) => OnDefaultDevice(Tensor.FromArray(data));
    public static Tensor Array(float[,] data) => OnDefaultDevice(Tensor.FromArray(data));
    public static Tensor Array(float[,,] data) => OnDefaultDevice(Tensor.FromArray(data));
    public static Tensor Array(float[,,,] data) => OnDefaultDevice(Tensor.FromArray(data));

    public static Tensor Dot(Tensor a, Tensor b) => a.Dot(b);
    public static Tensor MatMul(Tensor a, Tensor b) => Tensor.MatMul(a, b);
    public static Tensor Outer(Tensor a, Tensor b) => Tensor.Outer(a, b);
    public static Tensor Transpose(Tensor x, params int[] axes) => x.Transpose(axes);
    public static Tensor Reshape(Tensor x, params int[] shape) => x.Reshape(shape);
}
