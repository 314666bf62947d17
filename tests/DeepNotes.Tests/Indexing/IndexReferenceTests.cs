using DeepNotes;
using static DeepNotes.Tests.Indexing.SlicingTests;

namespace DeepNotes.Tests.Indexing;

/// <summary>
/// Random mixed index expressions (ints, slices, NewAxis, Ellipsis, integer arrays, masks) against an
/// element-by-element reference written straight from numpy's indexing rules.
/// </summary>
public class IndexReferenceTests
{
    private abstract record Entry;
    private sealed record IntEntry(int Value) : Entry;
    private sealed record SliceEntry(int? Start, int? Stop, int? Step) : Entry;
    private sealed record NewAxisEntry : Entry;
    private sealed record EllipsisEntry : Entry;
    private sealed record ArrayEntry(int[] Values, int[] Shape) : Entry;
    private sealed record MaskEntry(bool[] Values, int[] Shape) : Entry;

    private static TensorIndex ToIndex(Entry e) => e switch
    {
        IntEntry i => i.Value,
        SliceEntry s => new Slice(s.Start, s.Stop, s.Step),
        NewAxisEntry => TensorIndex.NewAxis,
        EllipsisEntry => TensorIndex.Ellipsis,
        ArrayEntry a => Tensor.FromArray(a.Values.Select(v => (double)v).ToArray(), a.Shape),
        MaskEntry m => TensorIndex.Mask(Tensor.FromArray(m.Values.Select(v => v ? 1.0 : 0).ToArray(), m.Shape)),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>numpy's result, element by element: returns (shape, values).</summary>
    private static (int[] Shape, double[] Values) Reference(Tensor x, List<Entry> entries)
    {
        int rank = x.Rank;
        // Masks become one integer array per axis they cover (numpy.nonzero).
        var expanded = new List<Entry>();
        foreach (var e in entries)
        {
            if (e is MaskEntry m)
            {
                var pos = Enumerable.Range(0, m.Values.Length).Where(i => m.Values[i]).ToArray();
                var strides = Shape.ContiguousStrides(m.Shape);
                for (int d = 0; d < m.Shape.Length; d++)
                    expanded.Add(new ArrayEntry(pos.Select(p => p / strides[d] % m.Shape[d]).ToArray(), [pos.Length]));
            }
            else expanded.Add(e);
        }
        int consumed = expanded.Count(e => e is IntEntry or SliceEntry or ArrayEntry);
        int ell = expanded.FindIndex(e => e is EllipsisEntry);
        var fill = Enumerable.Repeat<Entry>(new SliceEntry(null, null, null), rank - consumed);
        if (ell >= 0) { expanded.RemoveAt(ell); expanded.InsertRange(ell, fill); }
        else expanded.AddRange(fill);
        bool advanced = expanded.Any(e => e is ArrayEntry);
        if (advanced) expanded = expanded.Select(e => e is IntEntry i ? new ArrayEntry([i.Value], []) : e).ToList();

        // Source axis of each entry, and the broadcast shape of the arrays.
        var axisOf = new int[expanded.Count];
        for (int k = 0, a = 0; k < expanded.Count; k++) { axisOf[k] = a; if (expanded[k] is not NewAxisEntry) a++; }
        var arrays = Enumerable.Range(0, expanded.Count).Where(k => expanded[k] is ArrayEntry).ToList();
        int[] b = [];
        foreach (var k in arrays) b = Shape.Broadcast(b, ((ArrayEntry)expanded[k]).Shape, "ref");
        bool adjacent = arrays.Count > 0 && arrays[^1] - arrays[0] == arrays.Count - 1;

        var picks = new Dictionary<int, List<int>>();
        var outDims = new List<int>();
        var outKinds = new List<int>();   // entry index, or -1 for a broadcast axis
        if (advanced && !adjacent) { outDims.AddRange(b); outKinds.AddRange(b.Select(_ => -1)); }
        for (int k = 0; k < expanded.Count; k++)
        {
            switch (expanded[k])
            {
                case SliceEntry s:
                    picks[k] = ReferenceSlice(x.Shape[axisOf[k]], s.Start, s.Stop, s.Step);
                    outDims.Add(picks[k].Count); outKinds.Add(k);
                    break;
                case NewAxisEntry:
                    outDims.Add(1); outKinds.Add(k);
                    break;
                case ArrayEntry when adjacent && k == arrays[0]:
                    outDims.AddRange(b); outKinds.AddRange(b.Select(_ => -1));
                    break;
            }
        }
        var result = new List<double>();
        var outShape = outDims.ToArray();
        int size = Shape.SizeOf(outShape);
        var idx = new int[outShape.Length];
        var src = new int[rank];
        for (int flat = 0; flat < size; flat++)
        {
            int rem = flat;
            for (int d = outShape.Length - 1; d >= 0; d--) { idx[d] = rem % outShape[d]; rem /= outShape[d]; }
            var bIdx = Enumerable.Range(0, outShape.Length).Where(d => outKinds[d] == -1).Select(d => idx[d]).ToArray();
            for (int d = 0; d < outShape.Length; d++)
                if (outKinds[d] >= 0 && expanded[outKinds[d]] is SliceEntry) src[axisOf[outKinds[d]]] = picks[outKinds[d]][idx[d]];
            for (int k = 0; k < expanded.Count; k++)
            {
                int n = x.Shape[Math.Min(axisOf[k], rank - 1)];
                if (expanded[k] is IntEntry i) src[axisOf[k]] = i.Value < 0 ? i.Value + n : i.Value;
                if (expanded[k] is ArrayEntry a)
                {
                    // Read a at the broadcast position (right-aligned; length-1 axes repeat).
                    int off = 0, lead = b.Length - a.Shape.Length;
                    var st = Shape.ContiguousStrides(a.Shape);
                    for (int d = 0; d < a.Shape.Length; d++) off += (a.Shape[d] == 1 ? 0 : bIdx[lead + d]) * st[d];
                    int v = a.Values[off];
                    src[axisOf[k]] = v < 0 ? v + n : v;
                }
            }
            result.Add(x.GetValue(src));
        }
        return (outShape, result.ToArray());
    }

    [Fact]
    public void RandomMixedIndexExpressionsMatchTheReference()
    {
        var rng = new Random(2024);
        int checkedCount = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            int rank = rng.Next(1, 5);
            var shape = Enumerable.Range(0, rank).Select(_ => rng.Next(1, 5)).ToArray();
            var x = Numbered(shape);
            if (rng.Next(3) == 0) x = x.Flip(0);   // strided source
            var entries = new List<Entry>();
            int axis = 0;
            bool ellipsis = false;
            int arrayLen = rng.Next(1, 4);
            while (axis < rank && rng.Next(5) != 0)
            {
                int n = shape[axis];
                switch (rng.Next(7))
                {
                    case 0: entries.Add(new IntEntry(rng.Next(-n, n))); axis++; break;
                    case 1: case 2:
                        entries.Add(new SliceEntry(rng.Next(3) == 0 ? null : rng.Next(-n - 1, n + 2), rng.Next(3) == 0 ? null : rng.Next(-n - 1, n + 2),
                            rng.Next(3) == 0 ? null : (rng.Next(2) == 0 ? -1 : 1) * rng.Next(1, 3)));
                        axis++;
                        break;
                    case 3: entries.Add(new NewAxisEntry()); break;
                    case 4:
                        if (!ellipsis) { entries.Add(new EllipsisEntry()); ellipsis = true; axis = rank - (rank - axis) / 2; }
                        break;
                    case 5:
                        var arrShape = rng.Next(3) == 0 ? new[] { 1 } : new[] { arrayLen };
                        entries.Add(new ArrayEntry(Enumerable.Range(0, arrShape[0]).Select(_ => rng.Next(-n, n)).ToArray(), arrShape));
                        axis++;
                        break;
                    default:
                        int m = Math.Min(rng.Next(1, 3), rank - axis);
                        var mShape = shape[axis..(axis + m)];
                        entries.Add(new MaskEntry(Enumerable.Range(0, Shape.SizeOf(mShape)).Select(_ => rng.Next(2) == 0).ToArray(), mShape));
                        axis += m;
                        break;
                }
            }
            // Index arrays and masks must broadcast together: a mask fixes the length of all arrays.
            var masks = entries.OfType<MaskEntry>().ToList();
            var arrays = entries.OfType<ArrayEntry>().ToList();
            var lengths = masks.Select(mk => mk.Values.Count(v => v)).Concat(arrays.Select(a => a.Shape[0])).Where(l => l != 1).Distinct().ToList();
            if (lengths.Count > 1) continue;
            // Ellipsis placement counts axes after it; keep the expression within the rank.
            int consumedAxes = entries.Sum(e => e switch { IntEntry or SliceEntry or ArrayEntry => 1, MaskEntry mk => mk.Shape.Length, _ => 0 });
            if (consumedAxes > rank) continue;

            var (expShape, expValues) = Reference(x, entries);
            var y = x[entries.Select(ToIndex).ToArray()];
            Assert.True(expShape.SequenceEqual(y.Shape.ToArray()),
                $"trial {trial}: shape {y.Shape} vs numpy {Shape.Format(expShape)} for x{Shape.Format(shape)}[{string.Join(", ", entries)}]");
            Assert.Equal(expValues, y.ToArray());
            checkedCount++;
        }
        Assert.True(checkedCount > 200, $"only {checkedCount} expressions were checked");
    }
}
