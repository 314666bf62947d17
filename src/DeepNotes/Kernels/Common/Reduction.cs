using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.Kernels;

/// <summary>
/// A reduction: Init/Combine fold whole rows into an accumulator row with SIMD (reducing a leading block
/// of axes), Reduce folds one contiguous run into a value (reducing trailing axes).
/// </summary>
internal interface IReductionOperator
{
    /// <summary>The value of an empty reduction, or null when there is none (max of nothing is an error).</summary>
    static abstract double? Identity { get; }
    static abstract T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Init<T>(Span<T> accumulator, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Combine<T>(Span<T> accumulator, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Joins two partial results (of chunks reduced in parallel).</summary>
    static abstract T Merge<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>;
}

internal readonly struct SumReduction : IReductionOperator
{
    public static double? Identity => 0;
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sum(x);
    public static void Init<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => row.CopyTo(acc);
    public static void Combine<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(acc, row, acc);
    public static T Merge<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => a + b;
}

internal readonly struct SumOfSquaresReduction : IReductionOperator
{
    public static double? Identity => 0;
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.SumOfSquares(x);
    public static void Init<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(row, row, acc);
    public static void Combine<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.FusedMultiplyAdd(row, row, acc, acc);
    public static T Merge<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => a + b;
}

internal readonly struct ProductReduction : IReductionOperator
{
    public static double? Identity => 1;
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Product(x);
    public static void Init<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => row.CopyTo(acc);
    public static void Combine<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Multiply(acc, row, acc);
    public static T Merge<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => a * b;
}

internal readonly struct MaxReduction : IReductionOperator
{
    public static double? Identity => null;
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x);
    public static void Init<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => row.CopyTo(acc);
    public static void Combine<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(acc, row, acc);
    public static T Merge<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => T.Max(a, b);
}

internal readonly struct MinReduction : IReductionOperator
{
    public static double? Identity => null;
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(x);
    public static void Init<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => row.CopyTo(acc);
    public static void Combine<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(acc, row, acc);
    public static T Merge<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => T.Min(a, b);
}

/// <summary>
/// Reduces a tensor over a set of axes. A strided view is first put back into memory order when it is a
/// permutation of a dense block (transposes cost nothing). Then, if the reduced axes are one block of a
/// dense layout [outer, reduced, inner], each output row is either one SIMD reduce of a run (inner = 1) or a
/// SIMD fold of rows (inner &gt; 1). Anything else is copied with the reduced axes last first.
/// </summary>
internal static class Reduction
{
    public static Tensor Reduce<TOp>(Tensor x, bool[] reduced, string op) where TOp : IReductionOperator
    {
        if (!x.Device.IsCpu) return Backends.Gpu!.Reduce(typeof(TOp), x, reduced, op);
        x.RequireCpu(op);
        var outShape = new List<int>();
        for (int i = 0; i < x.Rank; i++) if (!reduced[i]) outShape.Add(x.Dims[i]);
        int runLength = 1;
        for (int i = 0; i < x.Rank; i++) if (reduced[i]) runLength *= x.Dims[i];
        var result = new Tensor(outShape.ToArray(), x.DType);
        if (result.Size > 0 && runLength == 0)
        {
            if (TOp.Identity is not double identity)
                throw new ArgumentException($"{op}: zero-size array to reduction operation which has no identity (shape {x.Shape})");
            result.FillNoGrad(identity);
            return result;
        }
        if (x.DType == DType.Float32) ReduceTyped<float, TOp>(x, reduced, result);
        else ReduceTyped<double, TOp>(x, reduced, result);
        return result;
    }

    private static void ReduceTyped<T, TOp>(Tensor x, bool[] reduced, Tensor result)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IReductionOperator
    {
        var dst = result.AsSpan<T>();
        if (dst.Length == 0) return;
        var (dense, mask) = MemoryOrder(x, reduced);
        if (dense is null || !Block(dense.Dims, mask, out int outer, out int red, out int inner))
        {
            // Copy with the reduced axes last, then one SIMD reduce per output.
            dense = x.PermuteNoGrad(ReducedLast(reduced)).CopyNoGrad();
            outer = dst.Length;
            red = dense.Size / outer;
            inner = 1;
        }
        var data = dense.Data<T>();
        int start = dense.Offset;
        var output = result.Data<T>();
        bool parallel = (long)outer * red * inner >= ParallelMinimum && Environment.ProcessorCount > 1;
        if (inner == 1)
        {
            if (parallel && outer == 1)
            {
                // One long run: reduce fixed-size chunks on several cores, then merge in order. The chunk size
                // does not depend on the core count, so results are the same on every machine.
                int chunks = (red + ParallelChunk - 1) / ParallelChunk;
                var partial = new T[chunks];
                KernelThreads.For(chunks, c =>
                {
                    int s = c * ParallelChunk;
                    partial[c] = TOp.Reduce<T>(data.AsSpan(start + s, Math.Min(ParallelChunk, red - s)));
                });
                T total = partial[0];
                for (int c = 1; c < chunks; c++) total = TOp.Merge(total, partial[c]);
                dst[0] = total;
            }
            else if (parallel)
            {
                // Many runs: each output is independent, so split the outputs.
                int per = Math.Max(1, ParallelChunk / Math.Max(red, 1));
                KernelThreads.For((outer + per - 1) / per, c =>
                {
                    for (int o = c * per; o < Math.Min(outer, (c + 1) * per); o++)
                        output[result.Offset + o] = TOp.Reduce<T>(data.AsSpan(start + o * red, red));
                });
            }
            else
            {
                var src = data.AsSpan(start, dense.Size);
                for (int o = 0; o < outer; o++) dst[o] = TOp.Reduce<T>(src.Slice(o * red, red));
            }
            return;
        }
        // Outputs are laid out [outer, inner] in dst, exactly as the kept axes of the dense layout. In parallel,
        // split the outputs (whole blocks, or column ranges of a single block): each column still folds its rows
        // in order, so the result does not depend on the split.
        if (parallel)
        {
            int columnsPer = outer >= 2 * Environment.ProcessorCount ? inner : Math.Max(64, inner / (2 * Environment.ProcessorCount));
            int columnChunks = (inner + columnsPer - 1) / columnsPer;
            KernelThreads.For(outer * columnChunks, task =>
            {
                int o = task / columnChunks, c0 = task % columnChunks * columnsPer;
                FoldBlock<T, TOp>(data.AsSpan(start + o * red * inner), output.AsSpan(result.Offset + o * inner), red, inner, c0, Math.Min(columnsPer, inner - c0));
            });
            return;
        }
        for (int o = 0; o < outer; o++)
            FoldBlock<T, TOp>(data.AsSpan(start + o * red * inner), dst.Slice(o * inner), red, inner, 0, inner);
    }

    /// <summary>Elements above which a reduction is split across cores (a thread hop costs more below it).</summary>
    private const int ParallelMinimum = 1 << 20;

    /// <summary>Elements per parallel chunk of a single run.</summary>
    private const int ParallelChunk = 1 << 18;

    /// <summary>Folds columns [c0, c0 + width) of a [red, inner] block into acc.</summary>
    private static void FoldBlock<T, TOp>(ReadOnlySpan<T> block, Span<T> acc, int red, int inner, int c0, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IReductionOperator
    {
        var a = acc.Slice(c0, width);
        TOp.Init(a, block.Slice(c0, width));
        for (int r = 1; r < red; r++) TOp.Combine(a, block.Slice(r * inner + c0, width));
    }

    /// <summary>
    /// x as a dense (contiguous) tensor plus its reduce mask, permuting a strided view into memory order
    /// when that makes it dense and keeps kept axes in their original order; (null, _) otherwise.
    /// </summary>
    private static (Tensor? Dense, bool[] Mask) MemoryOrder(Tensor x, bool[] reduced)
    {
        if (x.IsContiguous) return (x, reduced);
        var order = Enumerable.Range(0, x.Rank)
            .Where(i => x.Dims[i] != 1)
            .OrderByDescending(i => x.StridesInternal[i])
            .ToList();
        // Size-1 axes can go anywhere; put them first so they don't break blocks.
        var perm = Enumerable.Range(0, x.Rank).Where(i => x.Dims[i] == 1).Concat(order).ToArray();
        var view = x.PermuteNoGrad(perm);
        if (!view.IsContiguous) return (null, reduced);
        var mask = perm.Select(p => reduced[p]).ToArray();
        // The output must come out in the original order of the kept axes.
        var keptOrder = perm.Where(p => !reduced[p] && x.Dims[p] != 1).ToArray();
        for (int i = 1; i < keptOrder.Length; i++) if (keptOrder[i] < keptOrder[i - 1]) return (null, reduced);
        return (view, mask);
    }

    /// <summary>True when the non-trivial reduced axes form one block: dims = [outer..., reduced..., inner...].</summary>
    private static bool Block(int[] dims, bool[] mask, out int outer, out int red, out int inner)
    {
        outer = red = inner = 1;
        int phase = 0;   // 0: before the block, 1: inside, 2: after
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 1) continue;
            if (mask[i])
            {
                if (phase == 2) return false;
                phase = 1;
                red *= dims[i];
            }
            else if (phase == 0) outer *= dims[i];
            else
            {
                phase = 2;
                inner *= dims[i];
            }
        }
        return true;
    }

    /// <summary>
    /// Index of the max (or min) along one axis, or over the flattened tensor when axis is null; the first
    /// occurrence wins, and a NaN counts as the extremum (numpy's rules). Indices come back as float64.
    /// </summary>
    public static Tensor ArgExtremum(Tensor x, int? axis, bool max, string op)
    {
        x.RequireCpu(op);
        if (axis is null)
        {
            if (x.Size == 0) throw new ArgumentException($"{op}: attempt to get {op} of an empty sequence");
            var flat = x.Contiguous();
            int index = x.DType == DType.Float32 ? IndexOf(flat.AsSpan<float>(), max) : IndexOf(flat.AsSpan<double>(), max);
            return Tensor.Scalar(index, DType.Float64);
        }
        int ax = Shape.NormalizeAxis(axis.Value, x.Rank, op);
        var mask = new bool[x.Rank];
        mask[ax] = true;
        int n = x.Dims[ax];
        var outShape = x.Dims.Where((_, i) => i != ax).ToArray();
        var result = new Tensor(outShape, DType.Float64);
        var dst = result.AsSpan<double>();
        if (dst.Length == 0) return result;
        if (n == 0) throw new ArgumentException($"{op}: attempt to get {op} of an empty sequence (axis {axis} of shape {x.Shape})");
        if (x.IsContiguous && ax < x.Rank - 1)
        {
            // [outer, n, inner] without a transpose: scan rows, keeping the best value and index per column.
            int inner = 1;
            for (int i = ax + 1; i < x.Rank; i++) inner *= x.Dims[i];
            if (x.DType == DType.Float32) ArgBlock<float>(x.AsSpan<float>(), dst, n, inner, max);
            else ArgBlock<double>(x.AsSpan<double>(), dst, n, inner, max);
            return result;
        }
        var moved = x.PermuteNoGrad(ReducedLast(mask)).Contiguous();
        if (x.DType == DType.Float32)
        {
            var src = moved.AsSpan<float>();
            for (int o = 0; o < dst.Length; o++) dst[o] = IndexOf(src.Slice(o * n, n), max);
        }
        else
        {
            var src = moved.AsSpan<double>();
            for (int o = 0; o < dst.Length; o++) dst[o] = IndexOf(src.Slice(o * n, n), max);
        }
        return result;
    }

    private static int IndexOf<T>(ReadOnlySpan<T> x, bool max) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // TensorPrimitives returns the first NaN if there is one, else the first extremum; numpy agrees
        // except that it treats -0 and +0 as equal, so for a zero find the first zero of either sign.
        int i = max ? TensorPrimitives.IndexOfMax(x) : TensorPrimitives.IndexOfMin(x);
        if (x[i] != T.Zero) return i;
        for (int j = 0; j < i; j++) if (x[j] == T.Zero) return j;
        return i;
    }

    /// <summary>Arg-extremum over the middle axis of a dense [outer, n, inner] block (numpy's first-occurrence and NaN rules).</summary>
    private static void ArgBlock<T>(ReadOnlySpan<T> src, Span<double> dst, int n, int inner, bool max) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var best = new T[inner];
        int outer = dst.Length / inner;
        for (int o = 0; o < outer; o++)
        {
            var block = src.Slice(o * n * inner, n * inner);
            var index = dst.Slice(o * inner, inner);
            block[..inner].CopyTo(best);
            index.Clear();
            for (int r = 1; r < n; r++)
            {
                var row = block.Slice(r * inner, inner);
                for (int j = 0; j < inner; j++)
                {
                    T v = row[j], b = best[j];
                    if (T.IsNaN(b)) continue;   // the first NaN wins for good
                    if (T.IsNaN(v) || (max ? v > b : v < b))
                    {
                        best[j] = v;
                        index[j] = r;
                    }
                }
            }
        }
    }

    /// <summary>A permutation listing kept axes (in order) then reduced axes.</summary>
    public static int[] ReducedLast(bool[] reduced)
    {
        var perm = new int[reduced.Length];
        int k = 0;
        for (int i = 0; i < reduced.Length; i++) if (!reduced[i]) perm[k++] = i;
        for (int i = 0; i < reduced.Length; i++) if (reduced[i]) perm[k++] = i;
        return perm;
    }

    /// <summary>Which axes to reduce; null means all. Negative axes count from the end; repeats are errors.</summary>
    public static bool[] AxesMask(int rank, int[]? axes, string op)
    {
        var mask = new bool[rank];
        if (axes is null)
        {
            Array.Fill(mask, true);
            return mask;
        }
        foreach (var a in axes)
        {
            int ax = Shape.NormalizeAxis(a, rank, op);
            if (mask[ax]) throw new ArgumentException($"{op}: duplicate value in axis {Shape.Format(axes)}");
            mask[ax] = true;
        }
        return mask;
    }
}

/// <summary>
/// ∂ prod / ∂ xᵢ = ∏_{j≠i} xⱼ within each reduced group, from exclusive prefix and suffix products,
/// so zeros in x need no division (x.prod()/x would give 0/0).
/// </summary>
internal static class ProductGradient
{
    public static Tensor Compute(Tensor x, bool[] mask)
    {
        var perm = Reduction.ReducedLast(mask);
        var moved = x.PermuteNoGrad(perm).CopyNoGrad();
        int n = 1;
        for (int i = 0; i < mask.Length; i++) if (mask[i]) n *= x.Dims[i];
        if (x.DType == DType.Float32) Run<float>(moved.AsSpan<float>(), n);
        else Run<double>(moved.AsSpan<double>(), n);
        var inverse = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
        return moved.PermuteNoGrad(inverse).CopyNoGrad();
    }

    /// <summary>Replaces each run of n values in place by its exclusive products.</summary>
    private static void Run<T>(Span<T> data, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        var values = new T[n];
        for (int o = 0; o < data.Length; o += n)
        {
            var run = data.Slice(o, n);
            run.CopyTo(values);
            T prefix = T.One;
            for (int i = 0; i < n; i++)
            {
                run[i] = prefix;
                prefix *= values[i];
            }
            T suffix = T.One;
            for (int i = n - 1; i >= 0; i--)
            {
                run[i] *= suffix;
                suffix *= values[i];
            }
        }
    }
}
