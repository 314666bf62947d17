using System.Numerics;
using DeepNotes.Kernels;

namespace DeepNotes;

// matmul with numpy semantics (1-D promotion, batched with broadcast batch dims), dot and outer.
public sealed partial class Tensor
{
    /// <summary>numpy's a @ b.</summary>
    public Tensor MatMul(Tensor other) => MatMul(this, other);

    public static Tensor MatMul(Tensor a, Tensor b)
    {
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException($"matmul: input operand does not have enough dimensions ({a.Shape} @ {b.Shape}); use * for scalars");
        if (a.Rank == 1 && b.Rank == 1)
        {
            if (a.shape[0] != b.shape[0])
                throw new ArgumentException($"matmul: {a.Shape} @ {b.Shape}: inner dimensions {a.shape[0]} and {b.shape[0]} differ");
            return MatMul(a.Reshape(1, -1), b.Reshape(-1, 1)).Reshape();
        }
        if (a.Rank == 1)
        {
            var r = MatMul(a.Reshape(1, -1), b);
            var s = r.ShapeCopy();
            return r.Reshape([.. s[..^2], s[^1]]);
        }
        if (b.Rank == 1)
        {
            var r = MatMul(a, b.Reshape(-1, 1));
            return r.Reshape(r.ShapeCopy()[..^1]);
        }
        return MatMulBatched(a, b);
    }

    private static Tensor MatMulBatched(Tensor a, Tensor b)
    {
        int m = a.shape[^2], k = a.shape[^1], k2 = b.shape[^2], n = b.shape[^1];
        if (k != k2)
            throw new ArgumentException($"matmul: {a.Shape} @ {b.Shape}: inner dimensions {k} and {k2} differ");
        // Plain matrices skip the batch broadcast (and its message, formatted up front): a Dense layer's products
        // of a few microseconds come here hundreds of times a step.
        int[] batch = a.Rank == 2 && b.Rank == 2 ? []
            : Shape.Broadcast(a.shape[..^2], b.shape[..^2], $"matmul {a.Shape} @ {b.Shape} (batch dimensions)");
        bool onGpu = !Device.Common("matmul", a, b).IsCpu;
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        var ac = a.AsType(dtype);
        var bc = b.AsType(dtype);
        Tensor result;
        if (onGpu) result = Backends.Gpu!.MatMul(ac, bc);
        else
        {
            result = new Tensor([.. batch, m, n], dtype);
            if (dtype == DType.Float32) MatMulTyped<float>(ac, bc, result, batch, m, n, k);
            else MatMulTyped<double>(ac, bc, result, batch, m, n, k);
        }
        return Autodiff.Record(result, "matmul", [a, b], g =>
        [
            MatMul(g, b.SwapAxes(-1, -2)).SumTo(a.shape),
            MatMul(a.SwapAxes(-1, -2), g).SumTo(b.shape),
        ]);
    }

    private static void MatMulTyped<T>(Tensor a, Tensor b, Tensor c, int[] batch, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (av, transA, lda) = GemmOperand(a);
        var (bv, transB, ldb) = GemmOperand(b);
        int lenA = m == 0 || k == 0 ? 0 : (transA ? (k - 1) * lda + m : (m - 1) * lda + k);
        int lenB = k == 0 || n == 0 ? 0 : (transB ? (n - 1) * ldb + k : (k - 1) * ldb + n);
        if (batch.Length == 0)
        {
            Gemm.Multiply<T>(transA, transB, m, n, k, av.Data<T>().AsSpan(av.Offset, lenA), lda,
                bv.Data<T>().AsSpan(bv.Offset, lenB), ldb, c.Data<T>().AsSpan(c.Offset, m * n), n);
            return;
        }
        int batches = Shape.SizeOf(batch);
        var aStrides = Elementwise.BroadcastStrides(av, [.. batch, m, k]);
        var bStrides = Elementwise.BroadcastStrides(bv, [.. batch, k, n]);
        var ad = av.Data<T>();
        var bd = bv.Data<T>();
        var cd = c.Data<T>();
        // Operand offsets of every batch entry (broadcast batch axes have stride 0).
        var offA = new int[batches];
        var offB = new int[batches];
        var index = new int[batch.Length];
        for (int t = 0; t < batches; t++)
        {
            offA[t] = av.Offset;
            offB[t] = bv.Offset;
            for (int i = 0; i < batch.Length; i++)
            {
                offA[t] += index[i] * aStrides[i];
                offB[t] += index[i] * bStrides[i];
            }
            for (int i = batch.Length - 1; i >= 0; i--)
            {
                if (++index[i] < batch[i]) break;
                index[i] = 0;
            }
        }
        void Range(int t0, int t1)
        {
            for (int t = t0; t < t1; t++)
                Gemm.Multiply<T>(transA, transB, m, n, k,
                    ad.AsSpan(offA[t], lenA), lda, bd.AsSpan(offB[t], lenB), ldb,
                    cd.AsSpan(c.Offset + t * m * n, m * n), n);
        }
        // Many small products: one GEMM each would run single-threaded, so split the batch across threads
        // instead (the GEMMs inside then stay single-threaded). Large products thread internally.
        long work = (long)m * n * k;
        int threads = GemmThreads.Available;
        if (batches > 1 && threads > 1 && work < 2 * Gemm.WorkPerThread && work * batches >= Gemm.WorkPerThread)
        {
            threads = Math.Min(threads, batches);
            GemmThreads.For(threads, i => Range(batches * i / threads, batches * (i + 1) / threads));
        }
        else Range(0, batches);
    }

    /// <summary>
    /// Expresses the last two axes of x as a row-major matrix or the transpose of one, copying only
    /// when neither layout fits (so a.T @ b needs no copy).
    /// </summary>
    private static (Tensor View, bool Transposed, int Ld) GemmOperand(Tensor x)
    {
        int rows = x.shape[^2], cols = x.shape[^1];
        int rs = x.strides[^2], cs = x.strides[^1];
        // A leading dimension must step forward past a whole row (column): negative or overlapping strides
        // (flipped slices, broadcast views) take the copy below.
        if ((cs == 1 || cols == 1) && (rows == 1 || rs >= cols)) return (x, false, Math.Max(rows == 1 ? cols : rs, cols));
        if ((rs == 1 || rows == 1) && (cols == 1 || cs >= rows)) return (x, true, Math.Max(cols == 1 ? rows : cs, rows));
        var c = x.CopyNoGrad();
        return (c, false, cols);
    }

    /// <summary>numpy.dot: inner product for vectors, matmul for matrices.</summary>
    public Tensor Dot(Tensor other) => Rank <= 2 && other.Rank <= 2 ? MatMul(this, other)
        : throw new ArgumentException($"dot: only 1-D and 2-D operands are supported, got {Shape} and {other.Shape}; use MatMul for batches");

    /// <summary>numpy.outer of two vectors (flattened first).</summary>
    public static Tensor Outer(Tensor a, Tensor b) => a.Reshape(-1, 1) * b.Reshape(1, -1);
}
