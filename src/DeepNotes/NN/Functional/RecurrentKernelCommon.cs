using System.Numerics;
using DeepNotes.Kernels;
using DeepNotes.Kernels.Conv;

namespace DeepNotes.NN;

/// <summary>
/// Pieces shared by the fused recurrent kernels. Internally the kernels work time-major — gates (T, N, G) and
/// states (T, N, S) — so every step's block is contiguous; inputs and outputs stay batch-first (N, T, ·).
/// </summary>
internal static class RecurrentKernelCommon
{
    /// <summary>gates[t] = x[:, t, :] @ kernel + bias for every step: the input half of all gates in T GEMMs.</summary>
    public static void ProjectInputs<T>(int n, int steps, int f, int g, ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> gates)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int t = 0; t < steps; t++)
            Gemm.Multiply<T>(false, false, n, g, f, x.Slice(t * f), steps * f, kernel, g, gates.Slice(t * n * g, n * g), g);
        ConvKernels.AddRowVector<T>(gates.Slice(0, steps * n * g), bias);
    }

    /// <summary>
    /// From the pre-activation gate gradients dG (T, N, G): dx (N, T, F) = dG @ kernelᵀ, dkernel (F, G) = xᵀ @ dG and
    /// dbias (G) = column sums of dG. Null destinations are skipped.
    /// </summary>
    public static void InputGradients<T>(int n, int steps, int f, int g, ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> dG,
        Span<T> dx, Span<T> dKernel, Span<T> dBias, bool wantX, bool wantKernel, bool wantBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (wantX)
        {
            var kt = Transpose(kernel, f, g);
            for (int t = 0; t < steps; t++)
                Gemm.Multiply<T>(false, false, n, f, g, dG.Slice(t * n * g, n * g), g, kt, f, dx.Slice(t * f), steps * f);
        }
        if (wantKernel)
        {
            dKernel.Clear();
            for (int t = 0; t < steps; t++)
                Gemm.Multiply<T>(true, false, f, g, n, x.Slice(t * f), steps * f, dG.Slice(t * n * g, n * g), g, dKernel, g, accumulate: true);
        }
        if (wantBias)
        {
            dBias.Clear();
            for (int r = 0; r < steps * n; r++)
                System.Numerics.Tensors.TensorPrimitives.Add<T>(dBias, dG.Slice(r * g, g), dBias);
        }
    }

    /// <summary>A row-major rows×cols matrix transposed into a new cols×rows array.</summary>
    public static T[] Transpose<T>(ReadOnlySpan<T> m, int rows, int cols) where T : unmanaged
    {
        var t = new T[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) t[j * rows + i] = m[i * cols + j];
        return t;
    }

    /// <summary>Copies time-major (T, N, width) columns [from, from + count) into batch-first (N, T, count).</summary>
    public static void ToBatchFirst<T>(int n, int steps, int width, int from, int count, ReadOnlySpan<T> src, Span<T> dst) where T : unmanaged
    {
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < n; b++)
                src.Slice((t * n + b) * width + from, count).CopyTo(dst.Slice((b * steps + t) * count, count));
    }

    /// <summary>Copies batch-first (N, T, count) into time-major (T, N, count).</summary>
    public static void ToTimeMajor<T>(int n, int steps, int count, ReadOnlySpan<T> src, Span<T> dst) where T : unmanaged
    {
        for (int b = 0; b < n; b++)
            for (int t = 0; t < steps; t++)
                src.Slice((b * steps + t) * count, count).CopyTo(dst.Slice((t * n + b) * count, count));
    }
}
