using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.Kernels;

/// <summary>A reduction: a SIMD reduce of a contiguous run, and a SIMD combine of a row into an accumulator row.</summary>
internal interface IReductionOperator
{
    static abstract T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract void Combine<T>(Span<T> accumulator, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>;
}

internal readonly struct SumReduction : IReductionOperator
{
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sum(x);
    public static void Combine<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(acc, row, acc);
}

internal readonly struct MaxReduction : IReductionOperator
{
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(x);
    public static void Combine<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Max(acc, row, acc);
}

internal readonly struct MinReduction : IReductionOperator
{
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(x);
    public static void Combine<T>(Span<T> acc, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Min(acc, row, acc);
}

/// <summary>
/// Reduces a tensor over a set of axes. Reduced axes are moved last (a permuted view), then:
/// if they were already the trailing axes of a contiguous tensor, each output is one SIMD reduce of a run;
/// if they are leading axes, rows are combined into the output with SIMD adds/max; otherwise a copy is made first.
/// </summary>
internal static class Reduction
{
    public static Tensor Reduce<TOp>(Tensor x, bool[] reduced, string op) where TOp : IReductionOperator
    {
        x.RequireCpu(op);
        var outShape = new List<int>();
        for (int i = 0; i < x.Rank; i++) if (!reduced[i]) outShape.Add(x.Dims[i]);
        var result = new Tensor(outShape.ToArray(), x.DType);
        if (x.DType == DType.Float32) ReduceTyped<float, TOp>(x, reduced, result, op);
        else ReduceTyped<double, TOp>(x, reduced, result, op);
        return result;
    }

    private static void ReduceTyped<T, TOp>(Tensor x, bool[] reduced, Tensor result, string op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IReductionOperator
    {
        int outSize = result.Size;
        int runLength = 1;
        for (int i = 0; i < x.Rank; i++) if (reduced[i]) runLength *= x.Dims[i];
        var dst = result.AsSpan<T>();
        if (outSize == 0) return;
        if (runLength == 0)
        {
            if (typeof(TOp) != typeof(SumReduction))
                throw new ArgumentException($"{op}: zero-size array to reduction operation which has no identity (shape {x.Shape})");
            dst.Clear();
            return;
        }

        // Leading reduced axes over a contiguous tensor: combine rows (e.g. summing a batch over axis 0).
        int lead = 0;
        while (lead < x.Rank && reduced[lead]) lead++;
        bool restKept = true;
        for (int i = lead; i < x.Rank; i++) restKept &= !reduced[i];
        if (x.IsContiguous && restKept && lead > 0)
        {
            var src = x.Data<T>().AsSpan(x.Offset, x.Size);
            src[..outSize].CopyTo(dst);
            for (int r = 1; r < runLength; r++) TOp.Combine(dst, src.Slice(r * outSize, outSize));
            return;
        }

        // Otherwise put reduced axes last and reduce contiguous runs.
        var perm = new int[x.Rank];
        int k = 0;
        for (int i = 0; i < x.Rank; i++) if (!reduced[i]) perm[k++] = i;
        for (int i = 0; i < x.Rank; i++) if (reduced[i]) perm[k++] = i;
        var moved = x.PermuteNoGrad(perm).Contiguous();
        var data = moved.Data<T>().AsSpan(moved.Offset, moved.Size);
        for (int o = 0; o < outSize; o++) dst[o] = TOp.Reduce<T>(data.Slice(o * runLength, runLength));
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
            if (mask[ax]) throw new ArgumentException($"{op}: duplicate value in axis {a}");
            mask[ax] = true;
        }
        return mask;
    }
}
