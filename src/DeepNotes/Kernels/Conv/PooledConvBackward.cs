using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepNotes.Kernels.Conv;

/// <summary>
/// The backward pass of max-pool(act(conv(x, w) + b)) (act the identity or relu) straight from the pool's winners.
/// A max pool passes each output's gradient to one conv output element, so the conv's output gradient is sparse
/// (1 in 64 elements for 8×8 pools); instead of scattering it into a dense tensor and running the dense filter and
/// input products over it, each winner adds its share to dw, db and dx directly:
/// dw[taps, c] += g · x[patch], dx[patch] += g · w[taps, c], db[c] += g. The relu mask is the pooled value > 0
/// (the winner's activation is the pooled value).
/// </summary>
internal static class PooledConvBackward
{
    /// <summary>
    /// The three gradients (each optional) from the pool's output gradient gp (contiguous from gpOff), split over
    /// runs of images across the kernel threads with one filter/bias accumulator per run. dx (conv input shape) must be
    /// zeroed; dw (KH, KW, C, O) and db (O) are overwritten.
    /// </summary>
    public static void Run<T>(ConvGeometry g, int poolPixels, T[] gp, int gpOff, T[] pooled, int[] argmax, bool relu,
        T[] x, int xOff, T[] w, int wOff, T[]? dx, T[]? dw, T[]? db)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int K = g.K, O = g.O, size = K * O;
        if (g.N == 0)
        {
            dw?.AsSpan(0, size).Clear();
            db?.AsSpan(0, O).Clear();
            return;
        }
        T[] wt = [];
        if (dx is not null)
        {
            wt = ArrayPool<T>.Shared.Rent(size);
            for (int k = 0; k < K; k++)
                for (int o = 0; o < O; o++) wt[o * K + k] = w[wOff + k * O + o];
        }
        // Each winner costs about one filter's worth of multiply-adds; split only when that adds up.
        long work = (long)g.N * poolPixels * O * K;
        int runs = ImageChunks.Count(g.N, work, 1 << 16);
        var dwts = new T[runs][];
        var dbs = new T[runs][];
        try
        {
            KernelThreads.For(runs, p =>
            {
                var (n0, n1) = ImageChunks.Range(g.N, p, runs);
                var dwt = dw is null ? [] : ArrayPool<T>.Shared.Rent(size);
                var dbl = db is null ? [] : ArrayPool<T>.Shared.Rent(O);
                dwt.AsSpan(0, dw is null ? 0 : size).Clear();
                dbl.AsSpan(0, db is null ? 0 : O).Clear();
                Accumulate<T>(g, poolPixels, gp.AsSpan(gpOff), pooled, argmax, relu, x.AsSpan(xOff), wt.AsSpan(0, dx is null ? 0 : size),
                    dx ?? [], dwt.AsSpan(0, dw is null ? 0 : size), dbl.AsSpan(0, db is null ? 0 : O), n0, n1);
                dwts[p] = dwt;
                dbs[p] = dbl;
            });
            if (dw is not null)
            {
                for (int k = 0; k < K; k++)
                    for (int o = 0; o < O; o++)
                    {
                        T sum = T.Zero;
                        for (int p = 0; p < runs; p++) sum += dwts[p][o * K + k];
                        dw[k * O + o] = sum;
                    }
            }
            if (db is not null)
            {
                db.AsSpan(0, O).Clear();
                for (int p = 0; p < runs; p++) System.Numerics.Tensors.TensorPrimitives.Add<T>(db.AsSpan(0, O), dbs[p].AsSpan(0, O), db.AsSpan(0, O));
            }
        }
        finally
        {
            if (dx is not null) ArrayPool<T>.Shared.Return(wt);
            for (int p = 0; p < runs; p++)
            {
                if (dwts[p] is { Length: > 0 } a) ArrayPool<T>.Shared.Return(a);
                if (dbs[p] is { Length: > 0 } b) ArrayPool<T>.Shared.Return(b);
            }
        }
    }

    /// <summary>
    /// Accumulates the gradients for images [n0, n1). gp, pooled and argmax have one entry per pool output
    /// (N, POH, POW, O); argmax holds flat indices into the conv output (N, OH, OW, O). dwt is the filter gradient
    /// transposed (O × K), wt the filters transposed (O × K); dx (N, H, W, C) must be zeroed first. Empty spans
    /// skip that gradient. Consecutive winners belong to different channels, so their updates do not wait on each other.
    /// </summary>
    public static void Accumulate<T>(in ConvGeometry g, int poolPixels, ReadOnlySpan<T> gp, ReadOnlySpan<T> pooled, ReadOnlySpan<int> argmax,
        bool relu, ReadOnlySpan<T> x, ReadOnlySpan<T> wt, Span<T> dx, Span<T> dwt, Span<T> db, int n0, int n1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int O = g.O, C = g.C, K = g.K, pixels = g.Pixels, rowRun = g.KW * C;
        bool needX = !dx.IsEmpty, needW = !dwt.IsEmpty, needB = !db.IsEmpty;
        if (!needX && !needW && !needB) return;
        var byChannels = new Divisor(O);
        var byWidth = new Divisor(g.OW);
        // Output pixels whose whole window lies inside the image (horizontally dilation 1) take the unchecked path.
        int spanH = (g.KH - 1) * g.DilationH, spanW = g.KW - 1;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T wr = ref MemoryMarshal.GetReference(wt);
        ref T dxr = ref MemoryMarshal.GetReference(dx);
        ref T dwr = ref MemoryMarshal.GetReference(dwt);
        ref T gr = ref MemoryMarshal.GetReference(gp);
        ref T pr = ref MemoryMarshal.GetReference(pooled);
        ref int ar = ref MemoryMarshal.GetReference(argmax);
        for (int n = n0; n < n1; n++)
        {
            int pixelBase = n * pixels;
            for (int e = n * poolPixels * O, end = (n + 1) * poolPixels * O; e < end; e += O)
            {
                for (int c = 0; c < O; c++)
                {
                    T grad = Unsafe.Add(ref gr, e + c);
                    if (grad == T.Zero || (relu && !(Unsafe.Add(ref pr, e + c) > T.Zero))) continue;
                    if (needB) db[c] += grad;
                    int r = byChannels.Divide(Unsafe.Add(ref ar, e + c)) - pixelBase;
                    int oh = byWidth.Divide(r), ow = r - oh * g.OW;
                    int ih0 = oh * g.StrideH - g.PadTop, iw0 = ow * g.StrideW - g.PadLeft;
                    int wBase = c * K;
                    if (g.DilationW == 1 && ih0 >= 0 && ih0 + spanH < g.H && iw0 >= 0 && iw0 + spanW < g.W)
                    {
                        int xAt = ((n * g.H + ih0) * g.W + iw0) * C, xStep = g.DilationH * g.W * C;
                        if (needW) AddRows(ref Unsafe.Add(ref dwr, wBase), rowRun, ref Unsafe.Add(ref xr, xAt), xStep, g.KH, rowRun, grad);
                        if (needX) AddRows(ref Unsafe.Add(ref dxr, xAt), xStep, ref Unsafe.Add(ref wr, wBase), rowRun, g.KH, rowRun, grad);
                        continue;
                    }
                    for (int kh = 0; kh < g.KH; kh++)
                    {
                        int ih = ih0 + kh * g.DilationH;
                        if ((uint)ih >= (uint)g.H) continue;
                        int rowBase = (n * g.H + ih) * g.W;
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw = iw0 + kw * g.DilationW;
                            if ((uint)iw >= (uint)g.W) continue;
                            int xAt = (rowBase + iw) * C, wAt = wBase + (kh * g.KW + kw) * C;
                            if (needW) Axpy(ref Unsafe.Add(ref dwr, wAt), ref Unsafe.Add(ref xr, xAt), C, grad);
                            if (needX) Axpy(ref Unsafe.Add(ref dxr, xAt), ref Unsafe.Add(ref wr, wAt), C, grad);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// rows × len block update dst[r·dstStep + i] += a · src[r·srcStep + i]: one window's filter rows. Kept out of line
    /// so its few live values stay in registers (inlined into the winner loop it spilled on every access).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddRows<T>(ref T dst, nint dstStep, ref T src, nint srcStep, int rows, int len, T a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            Axpy(ref dst, ref src, len, a);
            dst = ref Unsafe.Add(ref dst, dstStep);
            src = ref Unsafe.Add(ref src, srcStep);
        }
    }

    /// <summary>dst[0..len) += a · src[0..len) (whole vectors, then a half vector, then single elements).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy<T>(ref T dst, ref T src, int len, T a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var av = Vector256.Create(a);
            for (; i + Vector256<T>.Count <= len; i += Vector256<T>.Count)
                Fma(av, Vector256.LoadUnsafe(ref src, (nuint)i), Vector256.LoadUnsafe(ref dst, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
            if (i + Vector128<T>.Count <= len)
            {
                var d = Vector128.LoadUnsafe(ref dst, (nuint)i) + av.GetLower() * Vector128.LoadUnsafe(ref src, (nuint)i);
                d.StoreUnsafe(ref dst, (nuint)i);
                i += Vector128<T>.Count;
            }
        }
        for (; i < len; i++) Unsafe.Add(ref dst, i) = T.FusedMultiplyAdd(a, Unsafe.Add(ref src, i), Unsafe.Add(ref dst, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }

    /// <summary>Division of non-negative ints by a fixed divisor with one multiply (Lemire's method).</summary>
    private readonly struct Divisor
    {
        private readonly ulong multiplier;
        private readonly int divisor;

        public Divisor(int d)
        {
            divisor = d;
            multiplier = d == 1 ? 0 : ulong.MaxValue / (ulong)d + 1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Divide(int value) => divisor == 1 ? value : (int)Math.BigMul(multiplier, (ulong)(uint)value, out _);
    }
}
