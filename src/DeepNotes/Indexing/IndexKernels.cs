using System.Numerics;
using System.Numerics.Tensors;

namespace DeepNotes.Indexing;

/// <summary>
/// The copy loops behind indexing and shape ops: strided-to-strided copies (broadcast sources allowed),
/// and gathers/scatters through an <see cref="IndexPlan"/>. Inner runs use Span.CopyTo / Fill / TensorPrimitives.
/// </summary>
internal static class IndexKernels
{
    /// <summary>Copies src into dst (same shape; src may have 0 strides to broadcast). Dst must not overlap src.</summary>
    public static void Copy(Tensor src, Tensor dst)
    {
        if (dst.DType == DType.Float32) Copy<float>(src.AsType(DType.Float32), dst);
        else Copy<double>(src.AsType(DType.Float64), dst);
    }

    private static void Copy<T>(Tensor src, Tensor dst) where T : unmanaged
    {
        var s = src.Data<T>();
        var d = dst.Data<T>();
        if (dst.Size == 0) return;
        if (src.IsContiguous && dst.IsContiguous)
        {
            s.AsSpan(src.Offset, src.Size).CopyTo(d.AsSpan(dst.Offset, dst.Size));
            return;
        }
        var (shape, ss, ds) = CollapsePair(dst.Dims, src.StridesInternal, dst.StridesInternal);
        int rank = shape.Length;
        if (TransposedAxis(ss, ds) is int a)
        {
            TiledCopy(s, src.Offset, ss, d, dst.Offset, ds, shape, a);
            return;
        }
        int inner = rank == 0 ? 1 : shape[rank - 1];
        int si = rank == 0 ? 1 : ss[rank - 1], di = rank == 0 ? 1 : ds[rank - 1];
        int rows = rank == 0 ? 1 : dst.Size / inner;
        var index = new int[Math.Max(rank - 1, 0)];
        int so = src.Offset, dOff = dst.Offset;
        for (int r = 0; r < rows; r++)
        {
            if (si == 1 && di == 1) s.AsSpan(so, inner).CopyTo(d.AsSpan(dOff, inner));
            else if (si == 0 && di == 1) d.AsSpan(dOff, inner).Fill(s[so]);
            else for (int j = 0; j < inner; j++) d[dOff + j * di] = s[so + j * si];
            for (int ax = rank - 2; ax >= 0; ax--)
            {
                so += ss[ax];
                dOff += ds[ax];
                if (++index[ax] < shape[ax]) break;
                so -= ss[ax] * shape[ax];
                dOff -= ds[ax] * shape[ax];
                index[ax] = 0;
            }
        }
    }

    /// <summary>
    /// When one side is contiguous along the last axis and the other along a different axis a (a transpose),
    /// returns a: row-by-row copying would then miss the cache on every element of the strided side.
    /// </summary>
    private static int? TransposedAxis(int[] ss, int[] ds)
    {
        int last = ss.Length - 1;
        if (last < 1) return null;
        int[]? other = ds[last] == 1 && ss[last] != 1 ? ss : ss[last] == 1 && ds[last] != 1 ? ds : null;
        if (other is null) return null;
        for (int a = last - 1; a >= 0; a--) if (other[a] == 1) return a;
        return null;
    }

    /// <summary>A cache-blocked copy over axes (a, last) in square tiles, for each position of the other axes.</summary>
    private static void TiledCopy<T>(T[] s, int sOffset, int[] ss, T[] d, int dOffset, int[] ds, int[] shape, int a) where T : unmanaged
    {
        const int Tile = 32;
        int last = shape.Length - 1;
        var outerAxes = Enumerable.Range(0, last).Where(i => i != a).ToArray();
        var outerShape = outerAxes.Select(i => shape[i]).ToArray();
        var sOuter = Offsets(outerShape, outerAxes.Select(i => ss[i]).ToArray());
        var dOuter = Offsets(outerShape, outerAxes.Select(i => ds[i]).ToArray());
        int na = shape[a], nl = shape[last];
        int sa = ss[a], sl = ss[last], da = ds[a], dl = ds[last];
        for (int o = 0; o < sOuter.Length; o++)
        {
            int sBase = sOffset + sOuter[o], dBase = dOffset + dOuter[o];
            for (int i0 = 0; i0 < na; i0 += Tile)
            {
                int i1 = Math.Min(i0 + Tile, na);
                for (int j0 = 0; j0 < nl; j0 += Tile)
                {
                    int j1 = Math.Min(j0 + Tile, nl);
                    for (int i = i0; i < i1; i++)
                    {
                        int sRow = sBase + i * sa, dRow = dBase + i * da;
                        for (int j = j0; j < j1; j++) d[dRow + j * dl] = s[sRow + j * sl];
                    }
                }
            }
        }
    }

    /// <summary>Drops length-1 axes and merges neighbours that are contiguous in both stride sets.</summary>
    private static (int[] Shape, int[] A, int[] B) CollapsePair(int[] shape, int[] a, int[] b)
    {
        var s = new List<int>(shape.Length);
        var sa = new List<int>(shape.Length);
        var sb = new List<int>(shape.Length);
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1) continue;
            if (s.Count > 0 && sa[^1] == shape[i] * a[i] && sb[^1] == shape[i] * b[i])
            {
                s[^1] *= shape[i];
                sa[^1] = a[i];
                sb[^1] = b[i];
            }
            else
            {
                s.Add(shape[i]);
                sa.Add(a[i]);
                sb.Add(b[i]);
            }
        }
        return (s.ToArray(), sa.ToArray(), sb.ToArray());
    }

    /// <summary>All storage offsets (relative) of a strided shape in row-major order.</summary>
    public static int[] Offsets(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        int size = Shape.SizeOf(shape);
        var result = new int[size];
        if (size == 0) return result;
        int rank = shape.Length;
        var index = new int[rank];
        int off = 0;
        for (int i = 0; i < size; i++)
        {
            result[i] = off;
            for (int d = rank - 1; d >= 0; d--)
            {
                off += strides[d];
                if (++index[d] < shape[d]) break;
                off -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
        return result;
    }

    /// <summary>The loop structure of an advanced index over a view: outer offsets × index offsets × inner block.</summary>
    private readonly struct GatherLayout
    {
        public GatherLayout(IndexPlan plan, Tensor view)
        {
            int p = plan.AdvancedPosition, k = plan.AdvancedCount;
            var dims = view.Dims;
            var strides = view.StridesInternal;
            Outer = Offsets(dims.AsSpan(0, p), strides.AsSpan(0, p));
            Middle = plan.AdvancedOffsets(view);
            var innerShape = dims[(p + k)..];
            var innerStrides = strides[(p + k)..];
            BlockSize = Shape.SizeOf(innerShape);
            var (cs, cst) = StridedCursor.Collapse(innerShape, innerStrides);
            IsRun = cs.Length == 0 || (cs.Length == 1 && cst[0] == 1);
            Inner = IsRun ? [] : Offsets(innerShape, innerStrides);
        }

        public int[] Outer { get; }
        public int[] Middle { get; }
        public int[] Inner { get; }
        public int BlockSize { get; }
        public bool IsRun { get; }
    }

    /// <summary>result (contiguous, plan.ResultShape) = view[advanced indices].</summary>
    public static void Gather<T>(IndexPlan plan, Tensor view, Tensor result) where T : unmanaged
    {
        var L = new GatherLayout(plan, view);
        var s = view.Data<T>();
        var d = result.AsSpan<T>();
        int n = L.BlockSize, pos = 0, baseOffset = view.Offset;
        if (n == 0) return;
        if (n == 1)
        {
            // Element gathers (X[:, idx], x[mask]): one load per element, no span set-up.
            var middle = L.Middle;
            foreach (int o in L.Outer)
            {
                int b = baseOffset + o;
                for (int i = 0; i < middle.Length; i++) d[pos + i] = s[b + middle[i]];
                pos += middle.Length;
            }
            return;
        }
        if (!L.IsRun)
        {
            // Strided blocks (e.g. rows of a transposed view): walk a few inner positions for every index at a
            // time, so the source lines and destination lines both stay in cache.
            const int Band = 16;
            var inner = L.Inner;
            var middle = L.Middle;
            foreach (int o in L.Outer)
            {
                for (int j0 = 0; j0 < n; j0 += Band)
                {
                    int j1 = Math.Min(j0 + Band, n);
                    for (int i = 0; i < middle.Length; i++)
                    {
                        int b = baseOffset + o + middle[i], p = pos + i * n;
                        for (int j = j0; j < j1; j++) d[p + j] = s[b + inner[j]];
                    }
                }
                pos += middle.Length * n;
            }
            return;
        }
        foreach (int o in L.Outer)
            foreach (int m in L.Middle)
            {
                s.AsSpan(baseOffset + o + m, n).CopyTo(d.Slice(pos, n));
                pos += n;
            }
    }

    /// <summary>view[advanced indices] = values (or += when accumulating; duplicates then add up).</summary>
    public static void Scatter<T>(IndexPlan plan, Tensor view, Tensor values, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var L = new GatherLayout(plan, view);
        var d = view.Data<T>();
        var src = values.AsSpan<T>();
        int n = L.BlockSize, pos = 0, baseOffset = view.Offset;
        if (n == 0) return;
        if (n == 1)
        {
            var middle = L.Middle;
            foreach (int o in L.Outer)
            {
                int b = baseOffset + o;
                if (accumulate) for (int i = 0; i < middle.Length; i++) d[b + middle[i]] += src[pos + i];
                else for (int i = 0; i < middle.Length; i++) d[b + middle[i]] = src[pos + i];
                pos += middle.Length;
            }
            return;
        }
        foreach (int o in L.Outer)
            foreach (int m in L.Middle)
            {
                int b = baseOffset + o + m;
                var v = src.Slice(pos, n);
                if (L.IsRun)
                {
                    var row = d.AsSpan(b, n);
                    if (accumulate) TensorPrimitives.Add(row, v, row);
                    else v.CopyTo(row);
                }
                else
                {
                    var inner = L.Inner;
                    if (accumulate) for (int j = 0; j < n; j++) d[b + inner[j]] += v[j];
                    else for (int j = 0; j < n; j++) d[b + inner[j]] = v[j];
                }
                pos += n;
            }
    }
}
