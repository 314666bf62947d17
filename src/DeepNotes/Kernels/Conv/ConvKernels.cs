using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.Kernels.Conv;

/// <summary>
/// The three convolution products on contiguous NHWC data, as im2col + GEMM: the forward pass, the
/// gradient with respect to the input (GEMM then col2im) and the gradient with respect to the filters.
/// Images are split across worker threads when the work is large enough to pay for it; each worker
/// unfolds a few images at a time into a pooled buffer.
/// </summary>
internal static class ConvKernels
{
    /// <summary>Upper bound on the elements of one im2col buffer (keeps it cache- and pool-friendly).</summary>
    private const int MaxColsElements = 1 << 20;

    /// <summary>Below this many multiply-adds a single thread is faster than fanning out.</summary>
    private const long ParallelThreshold = 1 << 21;

    /// <summary>y (N, OH, OW, O) = conv(x (N, H, W, C), w (KH, KW, C, O)) + bias, then relu when asked (fused into the store).</summary>
    public static void Forward<T>(ConvGeometry g, T[] x, int xOff, T[] w, int wOff, T[]? bias, int biasOff, T[] y, int yOff, bool relu = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (DirectConv.Supports<T>(g))
        {
            ForImageRanges(g, (n0, n1) => DirectConv.Forward<T>(g, x.AsSpan(xOff), w.AsSpan(wOff, g.K * g.O),
                bias is null ? [] : bias.AsSpan(biasOff, g.O), y.AsSpan(yOff), n0, n1, relu));
            return;
        }
        ForEachChunk<T>(g, (n0, count, cols) =>
        {
            int rows = count * g.Pixels;
            ReadOnlySpan<T> a;
            if (g.IsPointwise) a = x.AsSpan(xOff + n0 * g.H * g.W * g.C, rows * g.K);
            else
            {
                for (int i = 0; i < count; i++) Im2Col.Unfold<T>(g, x.AsSpan(xOff), n0 + i, cols.AsSpan(i * g.Pixels * g.K));
                a = cols.AsSpan(0, rows * g.K);
            }
            var dst = y.AsSpan(yOff + n0 * g.Pixels * g.O, rows * g.O);
            Gemm.Multiply<T>(false, false, rows, g.O, g.K, a, g.K, w.AsSpan(wOff, g.K * g.O), g.O, dst, g.O);
            if (bias is not null) AddRowVector<T>(dst, bias.AsSpan(biasOff, g.O));
            if (relu) TensorPrimitives.Max<T>(dst, T.Zero, dst);
        }, needCols: !g.IsPointwise);
    }

    /// <summary>dx (N, H, W, C) = the gradient of the forward pass with respect to x, given dy (N, OH, OW, O).</summary>
    public static void BackwardInput<T>(ConvGeometry g, T[] dy, int dyOff, T[] w, int wOff, T[] dx, int dxOff)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // W^T (O × K) once, so every GEMM below reads both operands row-major.
        var wt = ArrayPool<T>.Shared.Rent(g.K * g.O);
        try
        {
            for (int k = 0; k < g.K; k++)
                for (int o = 0; o < g.O; o++) wt[o * g.K + k] = w[wOff + k * g.O + o];
            if (!g.IsPointwise) dx.AsSpan(dxOff, g.N * g.H * g.W * g.C).Clear();
            ForEachChunk<T>(g, (n0, count, cols) =>
            {
                int rows = count * g.Pixels;
                var src = dy.AsSpan(dyOff + n0 * g.Pixels * g.O, rows * g.O);
                if (g.IsPointwise)
                {
                    Gemm.Multiply<T>(false, false, rows, g.K, g.O, src, g.O, wt.AsSpan(0, g.O * g.K), g.K,
                        dx.AsSpan(dxOff + n0 * g.H * g.W * g.C, rows * g.K), g.K);
                    return;
                }
                Gemm.Multiply<T>(false, false, rows, g.K, g.O, src, g.O, wt.AsSpan(0, g.O * g.K), g.K, cols.AsSpan(0, rows * g.K), g.K);
                for (int i = 0; i < count; i++) Im2Col.Fold<T>(g, cols.AsSpan(i * g.Pixels * g.K), n0 + i, dx.AsSpan(dxOff));
            }, needCols: true);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(wt);
        }
    }

    /// <summary>dw (KH, KW, C, O) = the gradient with respect to the filters, given x and dy.</summary>
    public static void BackwardFilter<T>(ConvGeometry g, T[] x, int xOff, T[] dy, int dyOff, T[] dw, int dwOff)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int size = g.K * g.O;
        dw.AsSpan(dwOff, size).Clear();
        var gate = new object();
        if (DirectConv.Supports<T>(g))
        {
            ForImageRanges(g, (n0, n1) =>
            {
                var local = ArrayPool<T>.Shared.Rent(size);
                local.AsSpan(0, size).Clear();
                DirectConv.BackwardFilter<T>(g, x.AsSpan(xOff), dy.AsSpan(dyOff), local.AsSpan(0, size), n0, n1);
                lock (gate) TensorPrimitives.Add<T>(dw.AsSpan(dwOff, size), local.AsSpan(0, size), dw.AsSpan(dwOff, size));
                ArrayPool<T>.Shared.Return(local);
            });
            return;
        }
        ForEachChunk<T>(g, (n0, count, cols, local) =>
        {
            int rows = count * g.Pixels;
            ReadOnlySpan<T> a;
            if (g.IsPointwise) a = x.AsSpan(xOff + n0 * g.H * g.W * g.C, rows * g.K);
            else
            {
                for (int i = 0; i < count; i++) Im2Col.Unfold<T>(g, x.AsSpan(xOff), n0 + i, cols.AsSpan(i * g.Pixels * g.K));
                a = cols.AsSpan(0, rows * g.K);
            }
            Gemm.Multiply<T>(true, false, g.K, g.O, rows, a, g.K, dy.AsSpan(dyOff + n0 * g.Pixels * g.O, rows * g.O), g.O,
                local.AsSpan(0, size), g.O, accumulate: true);
        }, needCols: !g.IsPointwise, localSize: size, reduce: local =>
        {
            lock (gate) TensorPrimitives.Add<T>(dw.AsSpan(dwOff, size), local.AsSpan(0, size), dw.AsSpan(dwOff, size));
        });
    }

    /// <summary>Adds v to every length-|v| row of a contiguous block (tiled so each SIMD call covers many rows).</summary>
    internal static void AddRowVector<T>(Span<T> block, ReadOnlySpan<T> v) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int len = v.Length;
        if (len == 0) return;
        int rep = Math.Max(1, 256 / len);
        Span<T> tile = len * rep <= 1024 ? stackalloc T[len * rep] : new T[len * rep];
        for (int r = 0; r < rep; r++) v.CopyTo(tile.Slice(r * len));
        int pos = 0;
        for (; pos + tile.Length <= block.Length; pos += tile.Length)
            TensorPrimitives.Add<T>(block.Slice(pos, tile.Length), tile, block.Slice(pos, tile.Length));
        for (; pos < block.Length; pos += len)
            TensorPrimitives.Add<T>(block.Slice(pos, len), v, block.Slice(pos, len));
    }

    /// <summary>Splits the batch into runs of images spread over the kernel threads when the work pays for it.</summary>
    private static void ForImageRanges(ConvGeometry g, Action<int, int> body) =>
        ImageChunks.For(g.N, (long)g.N * g.Pixels * g.K * g.O, ParallelThreshold, body);

    /// <summary>dst = the sum of all length-|dst| rows of a contiguous block (the bias gradient), tiled for SIMD.</summary>
    internal static void SumRows<T>(ReadOnlySpan<T> block, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int len = dst.Length;
        dst.Clear();
        if (len == 0) return;
        int rep = Math.Max(1, 256 / len);
        var tile = new T[len * rep];
        int pos = 0;
        for (; pos + tile.Length <= block.Length; pos += tile.Length)
            TensorPrimitives.Add<T>(tile, block.Slice(pos, tile.Length), tile);
        for (; pos < block.Length; pos += len)
            TensorPrimitives.Add<T>(dst, block.Slice(pos, len), dst);
        for (int r = 0; r < rep; r++) TensorPrimitives.Add<T>(dst, tile.AsSpan(r * len, len), dst);
    }

    private static void ForEachChunk<T>(ConvGeometry g, Action<int, int, T[]> body, bool needCols) where T : unmanaged
        => ForEachChunk<T>(g, (n0, count, cols, _) => body(n0, count, cols), needCols, 0, null);

    /// <summary>
    /// Runs body over groups of consecutive images: split into runs over the kernel threads (each with its own im2col buffer
    /// and, when localSize > 0, its own zeroed accumulator handed to reduce at the end).
    /// </summary>
    private static void ForEachChunk<T>(ConvGeometry g, Action<int, int, T[], T[]> body, bool needCols, int localSize, Action<T[]>? reduce)
        where T : unmanaged
    {
        if (g.N == 0) return;
        long perImage = (long)g.Pixels * g.K;
        int chunk = (int)Math.Clamp(MaxColsElements / Math.Max(perImage, 1), 1, g.N);
        long work = (long)g.N * perImage * g.O;
        int runs = ImageChunks.Count(g.N, work, ParallelThreshold);

        void Run(int run)
        {
            var (n0, n1) = ImageChunks.Range(g.N, run, runs);
            int count = Math.Min(chunk, n1 - n0);
            var cols = needCols ? ArrayPool<T>.Shared.Rent((int)(count * perImage)) : [];
            var local = localSize > 0 ? ArrayPool<T>.Shared.Rent(localSize) : [];
            try
            {
                local.AsSpan(0, localSize).Clear();
                for (int n = n0; n < n1; n += chunk) body(n, Math.Min(chunk, n1 - n), cols, local);
                if (localSize > 0) reduce!(local);
            }
            finally
            {
                if (needCols) ArrayPool<T>.Shared.Return(cols);
                if (localSize > 0) ArrayPool<T>.Shared.Return(local);
            }
        }

        if (runs == 1) Run(0);
        else KernelThreads.For(runs, Run);
    }
}
