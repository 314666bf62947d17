using DeepNotes.Gpu.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace DeepNotes.Gpu;

// Batched matmul on the tiled GEMM kernel; transposed and broadcast operands are read in place.
public sealed partial class GpuBackend
{
    public Tensor MatMul(Tensor a, Tensor b)
    {
        int m = a.Dims[^2], k = a.Dims[^1], n = b.Dims[^1];
        var batch = DeepNotes.Shape.Broadcast(a.Dims[..^2], b.Dims[..^2], "matmul (batch dimensions)");
        var result = Allocate([.. batch, m, n], a.DType);
        if (result.Size == 0) return result;
        if (k == 0)
        {
            Fill(result, 0);
            return result;
        }
        var args = new GemmArgs
        {
            M = m, N = n, K = k, Side = GemmSide,
            ARowStride = a.StridesInternal[^2], AColStride = a.StridesInternal[^1],
            BRowStride = b.StridesInternal[^2], BColStride = b.StridesInternal[^1],
            ABatch = BatchLayout(a, batch),
            BBatch = BatchLayout(b, batch),
        };
        int batches = DeepNotes.Shape.SizeOf(batch);
        if (batches > 65535) throw new NotSupportedException($"matmul: {batches} batches exceed the GPU grid limit of 65535");
        int block = 4 * GemmSide;
        var config = new KernelConfig(
            new Index3D((n + block - 1) / block, (m + block - 1) / block, batches),
            new Index3D(GemmSide * GemmSide, 1, 1));
        if (a.DType == DType.Float32)
            Kernel("gemm.f32", acc => acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmArgs>(GemmKernels.Gemm<float, F32>))
                (config, ViewOf<float>(a), ViewOf<float>(b), ViewOf<float>(result), args);
        else
            Kernel("gemm.f64", acc => acc.LoadStreamKernel<ArrayView<double>, ArrayView<double>, ArrayView<double>, GemmArgs>(GemmKernels.Gemm<double, F64>))
                (config, ViewOf<double>(a), ViewOf<double>(b), ViewOf<double>(result), args);
        return result;
    }

    private int GemmSide => GemmKernels.Side(Accelerator.MaxNumThreadsPerGroup);

    /// <summary>Batch index → offset of x's matrix, broadcasting x's batch axes to batch.</summary>
    private static Layout BatchLayout(Tensor x, int[] batch)
    {
        if (batch.Length == 0) return Layouts.Single(x.Offset);
        var dims = x.Dims[..^2];
        var strides = x.StridesInternal[..^2];
        var full = new int[batch.Length];
        int lead = batch.Length - dims.Length;
        for (int i = 0; i < dims.Length; i++) full[lead + i] = dims[i] == 1 && batch[lead + i] != 1 ? 0 : strides[i];
        var (d, s) = Layouts.Merge(batch, [full]);
        if (d.Length > Layout.MaxRank) throw new NotSupportedException($"matmul: more than {Layout.MaxRank} batch axes");
        return Layouts.Make(d, s[0], x.Offset);
    }
}
