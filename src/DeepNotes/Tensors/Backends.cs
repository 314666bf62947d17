namespace DeepNotes;

/// <summary>
/// A non-CPU backend (the ILGPU one in DeepNotes.Gpu) plugs in here; the engine never references it directly.
/// The engine's drivers hand it tensors whose storage is on <see cref="Device"/>, plus the CPU operator's type
/// (e.g. typeof(AddOperator)) so the backend can pick its own kernel for it.
/// </summary>
public interface IGpuBackend
{
    /// <summary>The device whose tensors this backend runs.</summary>
    Device Device { get; }

    /// <summary>What was picked, e.g. "NVIDIA H100 (CUDA), 79.6 GB, warp 32".</summary>
    string Description { get; }

    /// <summary>A contiguous device copy of a CPU tensor.</summary>
    Tensor Upload(Tensor cpu);

    /// <summary>A contiguous CPU copy of a device tensor.</summary>
    Tensor Download(Tensor gpu);

    /// <summary>A new contiguous device tensor filled with value.</summary>
    Tensor Full(int[] shape, double value, DType dtype);

    /// <summary>Sets every element of a device tensor (views too) to value.</summary>
    void Fill(Tensor x, double value);

    /// <summary>A contiguous device copy of x (any strides).</summary>
    Tensor Copy(Tensor x);

    /// <summary>Writes source's values (CPU or this device; same shape, converted to destination's dtype) into the device tensor destination (views too).</summary>
    void CopyInto(Tensor destination, Tensor source);

    /// <summary>x converted to dtype (a new contiguous device tensor).</summary>
    Tensor AsType(Tensor x, DType dtype);

    /// <summary>An elementwise unary op; operatorType is the engine's IUnaryOperator struct.</summary>
    Tensor Unary(Type operatorType, Tensor x);

    /// <summary>A broadcasting binary op; operatorType is the engine's IBinaryOperator struct.</summary>
    Tensor Binary(Type operatorType, Tensor a, Tensor b, string op);

    /// <summary>A reduction over the axes marked in reduced; operatorType is the engine's IReductionOperator struct.</summary>
    Tensor Reduce(Type operatorType, Tensor x, bool[] reduced, string op);

    /// <summary>Batched matmul over the last two axes with broadcast batch axes (shapes already checked).</summary>
    Tensor MatMul(Tensor a, Tensor b);

    /// <summary>A row operator (softmax, log-softmax) along axis.</summary>
    Tensor Rows(Type operatorType, Tensor x, int axis, string op);

    /// <summary>A row operator of two aligned tensors (softmax backward) along axis.</summary>
    Tensor Rows(Type operatorType, Tensor a, Tensor b, int axis, string op);

    /// <summary>Differentiable NHWC convolution: x (N, H, W, C), filters (KH, KW, C, O), bias (O) or null; checked by the caller.</summary>
    Tensor Conv2D(Tensor x, Tensor filters, Tensor? bias, ConvSpec spec);

    /// <summary>Differentiable LSTM over x (N, T, F) with the engine's layout; returns (N, T, 2U): h_t then c_t (see F.LstmStates).</summary>
    Tensor LstmStates(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias, Tensor h0, Tensor c0);

    /// <summary>Differentiable "simple_rnn" or "gru" over x (N, T, F) with the engine's equations and layout; returns every h_t (N, T, U).</summary>
    Tensor RecurrentStates(string op, Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias, Tensor h0);

    /// <summary>Differentiable NHWC max (or average) pooling with window spec.KernelH×spec.KernelW.</summary>
    Tensor Pool2D(Tensor x, ConvSpec spec, bool max);
}

/// <summary>The resolved geometry of one NHWC convolution or pooling (the caller has validated it).</summary>
public readonly record struct ConvSpec(
    int KernelH, int KernelW, int StrideH, int StrideW, int DilationH, int DilationW, int PadTop, int PadLeft, int OutH, int OutW);

/// <summary>Where the engine finds the optional GPU backend (set by GpuBackend.Initialize in DeepNotes.Gpu).</summary>
public static class Backends
{
    public static IGpuBackend? Gpu { get; set; }
}
