using ILGPU;

namespace DeepNotes.Gpu.Kernels;

/// <summary>
/// Reductions of an input read as [outer, red] through a <see cref="Layout"/> (kept axes first, reduced last,
/// any strides). RowsByGroup gives each output a thread group that folds its run in shared memory (the run is
/// contiguous in memory); ColumnsByThread gives each output a thread (neighbouring outputs are neighbours in
/// memory, so the loads coalesce).
/// </summary>
internal static class ReductionKernels
{
    public const int MaxGroup = 256;

    public static void RowsByGroup<T, TNum>(ArrayView<T> x, Layout lx, ArrayView<T> y, int red, int op)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var shared = SharedMemory.Allocate<T>(MaxGroup);
        int row = Grid.IdxX;
        int tid = Group.IdxX;
        T acc = Identity<T, TNum>(op);
        for (int r = tid; r < red; r += Group.DimX)
            acc = Combine<T, TNum>(op, acc, Value<T, TNum>(op, x[lx.At(row * red + r)]));
        shared[tid] = acc;
        Group.Barrier();
        for (int s = Group.DimX / 2; s > 0; s >>= 1)
        {
            if (tid < s) shared[tid] = Combine<T, TNum>(op, shared[tid], shared[tid + s]);
            Group.Barrier();
        }
        if (tid == 0) y[row] = shared[0];
    }

    public static void ColumnsByThread<T, TNum>(Index1D o, ArrayView<T> x, Layout lx, ArrayView<T> y, int red, int op)
        where T : unmanaged where TNum : struct, INum<T>
    {
        T acc = Identity<T, TNum>(op);
        for (int r = 0; r < red; r++) acc = Combine<T, TNum>(op, acc, Value<T, TNum>(op, x[lx.At(o * red + r)]));
        y[o] = acc;
    }

    public static T Identity<T, TNum>(int op) where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        return (ReduceOp)op switch
        {
            ReduceOp.Product => n.One,
            ReduceOp.Max => n.MinValue,
            ReduceOp.Min => n.MaxValue,
            _ => n.Zero,
        };
    }

    public static T Value<T, TNum>(int op, T x) where T : unmanaged where TNum : struct, INum<T>
        => (ReduceOp)op == ReduceOp.SumOfSquares ? default(TNum).Mul(x, x) : x;

    /// <summary>Folds two partial results; max and min propagate NaN like numpy.</summary>
    public static T Combine<T, TNum>(int op, T a, T b) where T : unmanaged where TNum : struct, INum<T>
    {
        var n = default(TNum);
        switch ((ReduceOp)op)
        {
            case ReduceOp.Product: return n.Mul(a, b);
            case ReduceOp.Max: return n.IsNaN(a) ? a : n.IsNaN(b) ? b : n.Gt(b, a) ? b : a;
            case ReduceOp.Min: return n.IsNaN(a) ? a : n.IsNaN(b) ? b : n.Gt(a, b) ? b : a;
            default: return n.Add(a, b);
        }
    }
}

/// <summary>
/// Softmax-family row ops with one thread group per row: a shared-memory max and sum, then the elementwise
/// write. Rows are read and written through layouts, so the axis need not be the last in memory.
/// </summary>
internal static class RowKernels
{
    public static void Unary<T, TNum>(ArrayView<T> x, Layout lx, ArrayView<T> y, Layout ly, int n, int op)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var num = default(TNum);
        var shared = SharedMemory.Allocate<T>(ReductionKernels.MaxGroup);
        int row = Grid.IdxX;
        int tid = Group.IdxX;
        int start = row * n;
        T max = num.MinValue;
        for (int j = tid; j < n; j += Group.DimX)
            max = ReductionKernels.Combine<T, TNum>((int)ReduceOp.Max, max, x[lx.At(start + j)]);
        max = GroupFold<T, TNum>(shared, max, (int)ReduceOp.Max);
        T sum = num.Zero;
        for (int j = tid; j < n; j += Group.DimX) sum = num.Add(sum, num.Exp(num.Sub(x[lx.At(start + j)], max)));
        sum = GroupFold<T, TNum>(shared, sum, (int)ReduceOp.Sum);
        bool log = (RowOp)op == RowOp.LogSoftmax;
        T logSum = num.Log(sum);
        for (int j = tid; j < n; j += Group.DimX)
        {
            T shifted = num.Sub(x[lx.At(start + j)], max);
            y[ly.At(start + j)] = log ? num.Sub(shifted, logSum) : num.Div(num.Exp(shifted), sum);
        }
    }

    /// <summary>softmax backward r⊙(g − ⟨g, r⟩) or log-softmax backward g − eʳ·Σg, from g and the output r.</summary>
    public static void Backward<T, TNum>(ArrayView<T> g, Layout lg, ArrayView<T> r, Layout lr, ArrayView<T> y, Layout ly, int n, int op)
        where T : unmanaged where TNum : struct, INum<T>
    {
        var num = default(TNum);
        var shared = SharedMemory.Allocate<T>(ReductionKernels.MaxGroup);
        int row = Grid.IdxX;
        int tid = Group.IdxX;
        int start = row * n;
        bool log = (RowOp)op == RowOp.LogSoftmaxBackward;
        T acc = num.Zero;
        for (int j = tid; j < n; j += Group.DimX)
        {
            T gj = g[lg.At(start + j)];
            acc = num.Add(acc, log ? gj : num.Mul(gj, r[lr.At(start + j)]));
        }
        acc = GroupFold<T, TNum>(shared, acc, (int)ReduceOp.Sum);
        for (int j = tid; j < n; j += Group.DimX)
        {
            T gj = g[lg.At(start + j)];
            T rj = r[lr.At(start + j)];
            y[ly.At(start + j)] = log ? num.Sub(gj, num.Mul(num.Exp(rj), acc)) : num.Mul(rj, num.Sub(gj, acc));
        }
    }

    /// <summary>Combines one value per thread across the group; every thread gets the result.</summary>
    private static T GroupFold<T, TNum>(ArrayView<T> shared, T value, int op) where T : unmanaged where TNum : struct, INum<T>
    {
        int tid = Group.IdxX;
        shared[tid] = value;
        Group.Barrier();
        for (int s = Group.DimX / 2; s > 0; s >>= 1)
        {
            if (tid < s) shared[tid] = ReductionKernels.Combine<T, TNum>(op, shared[tid], shared[tid + s]);
            Group.Barrier();
        }
        T result = shared[0];
        Group.Barrier();
        return result;
    }
}
