using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using DeepNotes.Kernels;

namespace DeepNotes.NN;

/// <summary>Activations that <see cref="F.Dense"/> fuses into the matmul's output buffer.</summary>
public enum FusedActivation
{
    Linear,
    Relu,
    Sigmoid,
    Tanh,
}

public static partial class F
{
    /// <summary>
    /// y = act(x·W + b) in one recorded op: one output buffer (bias and activation applied in place) and one
    /// backward rule (dz from the output, then dW = xᵀ·dz, db = Σ dz, dx = dz·Wᵀ through the GEMM kernel).
    /// x (..., in), kernel (in, out), bias (out) or null. Mixed dtypes fall back to the composed ops.
    /// </summary>
    public static Tensor Dense(Tensor x, Tensor kernel, Tensor? bias, FusedActivation activation)
    {
        if (kernel.Rank != 2) throw new ArgumentException($"dense: kernel must be 2-D (in, out), got shape {kernel.Shape}");
        int k = kernel.Dims[0], m = kernel.Dims[1];
        if (x.Rank == 0 || x.Dims[^1] != k)
            throw new ArgumentException($"dense: input shape {x.Shape} does not match kernel shape {kernel.Shape} (last axis must be {k})");
        if (bias is not null && (bias.Rank != 1 || bias.Dims[0] != m))
            throw new ArgumentException($"dense: bias shape {bias.Shape} does not match kernel shape {kernel.Shape} (expected ({m},))");
        var dtype = x.DType;
        if (!Device.Common("dense", x, kernel).IsCpu   // the GPU backend runs the composed ops
            || kernel.DType != dtype || (bias is not null && bias.DType != dtype) || !kernel.IsContiguous || (bias is not null && !bias.IsContiguous))
            return ApplyActivation(Linear(x, kernel, bias), activation);

        var xc = x.Contiguous();
        int n = x.Size / Math.Max(1, k);
        var y = Tensor.Empty([.. x.Dims[..^1], m], dtype);
        if (dtype == DType.Float32) DenseForward<float>(xc, kernel, bias, y, n, k, m, activation);
        else DenseForward<double>(xc, kernel, bias, y, n, k, m, activation);
        Tensor[] inputs = bias is null ? [x, kernel] : [x, kernel, bias];
        return Autodiff.Record(y, "dense", inputs, g =>
        {
            var grads = dtype == DType.Float32
                ? DenseBackward<float>(g.Contiguous(), xc, kernel, y, n, k, m, activation, x.RequiresGrad, kernel.RequiresGrad, bias?.RequiresGrad == true)
                : DenseBackward<double>(g.Contiguous(), xc, kernel, y, n, k, m, activation, x.RequiresGrad, kernel.RequiresGrad, bias?.RequiresGrad == true);
            if (grads[0] is not null) grads[0] = grads[0]!.Reshape(x.ShapeCopy());
            return bias is null ? [grads[0], grads[1]] : grads;
        });
    }

    /// <summary>The fusable activation for a Keras name, or null when it cannot be fused (softmax, leaky_relu...).</summary>
    public static FusedActivation? Fusable(string? name) => (name ?? "linear").ToLowerInvariant() switch
    {
        "linear" or "none" or "" => FusedActivation.Linear,
        "relu" => FusedActivation.Relu,
        "sigmoid" => FusedActivation.Sigmoid,
        "tanh" => FusedActivation.Tanh,
        _ => null,
    };

    private static Tensor ApplyActivation(Tensor z, FusedActivation a) => a switch
    {
        FusedActivation.Relu => z.Relu(),
        FusedActivation.Sigmoid => z.Sigmoid(),
        FusedActivation.Tanh => z.Tanh(),
        _ => z,
    };

    private static void DenseForward<T>(Tensor x, Tensor kernel, Tensor? bias, Tensor y, int n, int k, int m, FusedActivation a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ys = y.AsSpan<T>();
        Gemm.Multiply<T>(false, false, n, m, k, x.AsSpan<T>(), k, kernel.AsSpan<T>(), m, ys, m);
        if (bias is not null) DenseRows.AddBias(ys, n, m, bias.AsSpan<T>());
        switch (a)
        {
            case FusedActivation.Relu: TensorPrimitives.Max(ys, T.Zero, ys); break;
            case FusedActivation.Sigmoid: FloatExp.Sigmoid<T>(ys, ys); break;
            case FusedActivation.Tanh: FloatExp.Tanh<T>(ys, ys); break;
        }
    }

    private static Tensor?[] DenseBackward<T>(Tensor g, Tensor x, Tensor kernel, Tensor y, int n, int k, int m, FusedActivation a,
        bool needX, bool needW, bool needB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dtype = y.DType;
        ReadOnlySpan<T> gs = g.AsSpan<T>();
        ReadOnlySpan<T> ys = y.AsSpan<T>();
        Span<T> dz;
        if (a == FusedActivation.Linear) dz = g.AsSpan<T>();
        else
        {
            dz = new T[gs.Length];
            switch (a)
            {
                case FusedActivation.Relu:
                    for (int i = 0; i < dz.Length; i++) dz[i] = ys[i] > T.Zero ? gs[i] : T.Zero;
                    break;
                case FusedActivation.Sigmoid:
                    // g·y·(1 − y) = g·y − g·y·y
                    TensorPrimitives.Multiply(gs, ys, dz);
                    for (int i = 0; i < dz.Length; i++) dz[i] -= dz[i] * ys[i];
                    break;
                case FusedActivation.Tanh:
                    // g·(1 − y²)
                    TensorPrimitives.Multiply(ys, ys, dz);
                    TensorPrimitives.Subtract(T.One, dz, dz);
                    TensorPrimitives.Multiply(dz, gs, dz);
                    break;
            }
        }
        Tensor? dx = null, dw = null, db = null;
        if (needW)
        {
            dw = Tensor.Empty([k, m], dtype);
            if (k > m)
            {
                // Wide inputs, few units: dWᵀ = dzᵀ·x (m×k) keeps the GEMM output wide (several times faster for
                // 12288→20: x streams once through the few-row kernels), then a register-blocked transpose.
                var dwt = ArrayPool<T>.Shared.Rent(m * k);
                try
                {
                    Gemm.Multiply<T>(true, false, m, k, n, dz, m, x.AsSpan<T>(), k, dwt, k);
                    Transpose<T>(dwt, dw.AsSpan<T>(), m, k);
                }
                finally { ArrayPool<T>.Shared.Return(dwt); }
            }
            else
            {
                Gemm.Multiply<T>(true, false, k, m, n, x.AsSpan<T>(), k, dz, m, dw.AsSpan<T>(), m);
            }
        }
        if (needB)
        {
            db = Tensor.Empty([m], dtype);
            DenseRows.ColumnSums<T>(dz, n, m, db.AsSpan<T>());
        }
        if (needX)
        {
            dx = Tensor.Empty([n, k], dtype);
            Gemm.Multiply<T>(false, true, n, k, m, dz, m, kernel.AsSpan<T>(), m, dx.AsSpan<T>(), k);
        }
        return [dx, dw, db];
    }

    // dst (cols×rows) = srcᵀ for a row-major src (rows×cols).
    private static unsafe void Transpose<T>(ReadOnlySpan<T> src, Span<T> dst, int rows, int cols) where T : unmanaged
    {
        if (dst.Length < rows * cols || src.Length < rows * cols)
            throw new ArgumentException($"dense: transpose of {rows}×{cols} needs {rows * cols} elements");
        fixed (T* ps = src, pd = dst) GemmPacking.PackColumns(ps, cols, rows, cols, pd, rows);
    }
}
