using System.Numerics;
using DeepNotes.Kernels;
using DeepNotes.Kernels.Conv;

namespace DeepNotes.NN;

/// <summary>
/// Pieces shared by the fused recurrent kernels. Internally the kernels work time-major — x (T, N, F), gates
/// (T, N, G), states (T + 1, N, S) with the initial state as block 0 — so each step's block is contiguous and the
/// input-side products (x·kernel, xᵀ·dG, dG·kernelᵀ, h₋₁ᵀ·dG) are one GEMM over all steps instead of one per step.
/// Inputs and outputs stay batch-first (N, T, ·).
/// </summary>
internal static class RecurrentKernelCommon
{
    /// <summary>gates = xTm @ kernel + bias for all T·N rows at once (xTm is time-major (T·N, F)).</summary>
    public static void ProjectInputs<T>(int rows, int f, int g, ReadOnlySpan<T> xTm, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> gates)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Gemm.Multiply<T>(false, false, rows, g, f, xTm, f, kernel, g, gates.Slice(0, rows * g), g);
        ConvKernels.AddRowVector<T>(gates.Slice(0, rows * g), bias);
    }

    /// <summary>
    /// From the pre-activation gate gradients dG (T·N, G): dx (N, T, F) = dG @ kernelᵀ, dkernel (F, G) = xTmᵀ @ dG and
    /// dbias (G) = column sums of dG. Skipped unless wanted.
    /// </summary>
    public static void InputGradients<T>(int n, int steps, int f, int g, ReadOnlySpan<T> xTm, ReadOnlySpan<T> kernel, ReadOnlySpan<T> dG,
        Span<T> dx, Span<T> dKernel, Span<T> dBias, bool wantX, bool wantKernel, bool wantBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = n * steps;
        if (wantX)
        {
            var kt = Transpose(kernel, f, g);
            var dxTm = System.Buffers.ArrayPool<T>.Shared.Rent(rows * f);
            Gemm.Multiply<T>(false, false, rows, f, g, dG, g, kt, f, dxTm, f);
            ToBatchFirst<T>(n, steps, f, 0, f, dxTm, dx);
            System.Buffers.ArrayPool<T>.Shared.Return(dxTm);
        }
        if (wantKernel) Gemm.Multiply<T>(true, false, f, g, rows, xTm, f, dG, g, dKernel, g);
        if (wantBias)
        {
            ColumnSums(dG.Slice(0, rows * g), g, dBias);
        }
    }

    /// <summary>A row-major rows×cols matrix transposed into a new cols×rows array.</summary>
    public static T[] Transpose<T>(ReadOnlySpan<T> m, int rows, int cols) where T : unmanaged
    {
        var t = new T[rows * cols];
        Transpose(m, rows, cols, t);
        return t;
    }

    /// <summary>A row-major rows×cols matrix transposed into destination (cols×rows).</summary>
    public static void Transpose<T>(ReadOnlySpan<T> m, int rows, int cols, Span<T> destination) where T : unmanaged
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) destination[j * rows + i] = m[i * cols + j];
    }

    /// <summary>sums (width) = the column sums of a row-major block of rows width wide.</summary>
    public static void ColumnSums<T>(ReadOnlySpan<T> block, int width, Span<T> sums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        sums.Slice(0, width).Clear();
        for (int r = 0; r + width <= block.Length; r += width)
            System.Numerics.Tensors.TensorPrimitives.Add<T>(sums.Slice(0, width), block.Slice(r, width), sums.Slice(0, width));
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
