using DeepNotes;
using DeepNotes.Tests.Support;
using static DeepNotes.Np;

namespace DeepNotes.Tests.Indexing;

public class SlicingTests
{
    /// <summary>Positions numpy selects for start:stop:step on an axis of length n, written out directly.</summary>
    internal static List<int> ReferenceSlice(int n, int? start, int? stop, int? step)
    {
        int s = step ?? 1;
        var result = new List<int>();
        if (s > 0)
        {
            int a = start is int st ? (st < 0 ? Math.Max(0, st + n) : Math.Min(st, n)) : 0;
            int b = stop is int sp ? (sp < 0 ? Math.Max(0, sp + n) : Math.Min(sp, n)) : n;
            for (int i = a; i < b; i += s) result.Add(i);
        }
        else
        {
            int a = start is int st ? (st < 0 ? st + n : Math.Min(st, n - 1)) : n - 1;
            int b = stop is int sp ? (sp < 0 ? Math.Max(sp + n, -1) : sp) : -1;
            for (int i = a; i > b; i += s) result.Add(i);
        }
        return result;
    }

    internal static Tensor Numbered(params int[] shape) => Tensor.Arange(0, Shape.SizeOf(shape)).Reshape(shape);

    private static int? RandomBound(Random rng, int n) => rng.Next(4) == 0 ? null : rng.Next(-n - 3, n + 4);

    [Fact]
    public void RandomSlicesMatchExplicitIndexComputation()
    {
        var rng = new Random(42);
        for (int trial = 0; trial < 300; trial++)
        {
            int rank = rng.Next(1, 5);
            var shape = Enumerable.Range(0, rank).Select(_ => rng.Next(0, 6)).ToArray();
            var x = Numbered(shape);
            var slices = new Slice[rank];
            var picks = new List<int>[rank];
            for (int d = 0; d < rank; d++)
            {
                int? step = rng.Next(3) == 0 ? null : (rng.Next(2) == 0 ? 1 : -1) * rng.Next(1, 4);
                slices[d] = new Slice(RandomBound(rng, shape[d]), RandomBound(rng, shape[d]), step);
                picks[d] = ReferenceSlice(shape[d], slices[d].Start, slices[d].Stop, slices[d].Step);
            }
            var y = x[slices.Select(s => (TensorIndex)s).ToArray()];
            Assert.Equal(picks.Select(p => p.Count).ToArray(), y.Shape.ToArray());
            var strides = Shape.ContiguousStrides(shape);
            var expected = new List<double>();
            void Walk(int d, int flat)
            {
                if (d == rank) { expected.Add(flat); return; }
                foreach (var i in picks[d]) Walk(d + 1, flat + i * strides[d]);
            }
            Walk(0, 0);
            Assert.Equal(expected.ToArray(), y.ToArray());
            Assert.Same(x.Storage, y.Storage);
        }
    }

    [Fact]
    public void KnownNumpySlices()
    {
        var x = Tensor.Arange(10);
        Assert.Equal(new double[] { 8, 6, 4 }, x[S(8, 2, -2)].ToArray());
        Assert.Equal(new double[] { 9, 6, 3, 0 }, x[S(null, null, -3)].ToArray());
        Assert.Equal(new double[] { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 }, x[Slice.Of(null, null, -1)].ToArray());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i).ToArray(), x[S(-100, 100)].ToArray());
        Assert.Empty(x[S(5, 2)].ToArray());
        Assert.Equal(new double[] { 7, 8 }, x[^3..^1].ToArray());
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, x[1..].ToArray());
        Assert.Equal(new double[] { 0, 1 }, x[..2].ToArray());
        Assert.Equal(new double[] { 3, 1 }, x[S(3, -100, -2)].ToArray());
        Assert.Empty(x[^0..].ToArray());
        Assert.Equal(9.0, x[^1].Item());
        Assert.Equal(9.0, x[-1].Item());
        Assert.Equal(0, x[3].Rank);
    }

    [Fact]
    public void IntegersDropAxesAndRangesKeepThem()
    {
        var x = Numbered(3, 4, 5);
        var y = x[1.., ^1];
        Assert.Equal(new Shape(2, 5), y.Shape);
        Assert.Equal(x.GetValue(2, 3, 4), y.GetValue(1, 4));
        Assert.Equal(new Shape(4), x[0, .., 2].Shape);
        Assert.Equal(x.GetValue(0, 3, 2), x[0, .., 2].GetValue(3));
        Assert.Equal(new Shape(3, 4, 5), x[..].Shape);
    }

    [Fact]
    public void NewAxisAndEllipsisFollowNumpy()
    {
        var x = Numbered(2, 3, 4);
        Assert.Equal(new Shape(2, 3), x[Ellipsis, 0].Shape);
        Assert.Equal(new Shape(3, 4), x[1, Ellipsis].Shape);
        Assert.Equal(new Shape(1, 2, 3, 4, 1), x[NewAxis, Ellipsis, NewAxis].Shape);
        Assert.Equal(new Shape(2, 1, 4), x[.., TensorIndex.None, 1].Shape);
        Assert.Equal(new Shape(2, 4), x[.., 1, Ellipsis].Shape);
        Assert.Equal(new Shape(2, 3, 4), x[Ellipsis].Shape);
        Assert.Equal(x.GetValue(1, 2, 3), x[Ellipsis, 2, 3][1].Item());
        Assert.Equal(new Shape(1, 2, 3, 4), x[NewAxis].Shape);
    }

    [Fact]
    public void ViewsAliasStorage()
    {
        var x = Numbered(4, 5);
        var v = x[1..3, S(null, null, -2)];
        Assert.Equal(new Shape(2, 3), v.Shape);
        v.SetValue(-1, 0, 0);
        Assert.Equal(-1, x.GetValue(1, 4));
        x.SetValue(-7, 2, 2);
        Assert.Equal(-7, v.GetValue(1, 1));
        v[1, ..] = 100.0;
        Assert.Equal(new double[] { 100, 11, 100, 13, 100 }, x[2].ToArray());
    }

    [Fact]
    public void StridedViewsFeedOtherOps()
    {
        // Negative strides, offsets and inserted axes must work wherever a tensor goes.
        var x = Numbered(4, 6);
        var views = new[] { x[S(null, null, -1), 1..4], x[1..3, S(5, null, -2)].T, x[.., 2][NewAxis], x[.., 2][.., NewAxis], x.Flip(0, 1)[1..] };
        foreach (var v in views)
        {
            var c = v.Contiguous();
            Assert.True(c.IsContiguous);
            Assert.Equal(c.ToArray(), v.ToArray());
            Assert.Equal(c.Sum(0).ToArray(), v.Sum(0).ToArray());
            Assert.Equal((c * c + 1.0).ToArray(), (v * v + 1.0).ToArray());
            Assert.Equal(c.MatMul(c.T).ToArray(), v.MatMul(v.T).ToArray());
            Assert.Equal(c.T.MatMul(c).ToArray(), v.T.MatMul(v).ToArray());
        }
    }

    [Fact]
    public void SlicingWorksOnFloat32()
    {
        var x = Tensor.Arange(0, 12, 1, DType.Float32).Reshape(3, 4);
        var y = x[S(null, null, -1), 1..3];
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new float[] { 9, 10, 5, 6, 1, 2 }, y.ToFloatArray());
    }

    [Fact]
    public void OutOfBoundsAndBadIndicesNameAxisAndSize()
    {
        var x = Numbered(3, 4);
        var e = Assert.Throws<IndexOutOfRangeException>(() => x[5]);
        Assert.Equal("index 5 is out of bounds for axis 0 with size 3", e.Message);
        e = Assert.Throws<IndexOutOfRangeException>(() => x[0, -5]);
        Assert.Equal("index -5 is out of bounds for axis 1 with size 4", e.Message);
        e = Assert.Throws<IndexOutOfRangeException>(() => x[0, 0, 0]);
        Assert.Equal("too many indices for array: array is 2-dimensional, but 3 were indexed", e.Message);
        Assert.Throws<IndexOutOfRangeException>(() => x[Ellipsis, 0, Ellipsis]);
        Assert.Contains("slice step cannot be zero", Assert.Throws<ArgumentException>(() => x[S(0, 2, 0)]).Message);
    }

    [Fact]
    public void SliceGradientScattersIntoZeros()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => Math.Sin(i)).ToArray(), 2, 3, 4);
        GradAssert.Check(t => t[.., S(null, null, -2), 1..], x);
        GradAssert.Check(t => t[1, NewAxis, Ellipsis, ^1], x);
        GradAssert.Check((Tensor t) => t[0][1..][.., S(3, 0, -1)], x);
    }

    [Fact]
    public void SliceBackwardGivesZerosOutsideTheSlice()
    {
        var x = Tensor.Zeros(2, 5).RequireGrad();
        x[.., S(1, null, 2)].Sum().Backward();
        Assert.Equal(new double[] { 0, 1, 0, 1, 0, 0, 1, 0, 1, 0 }, x.Grad!.ToArray());
    }
}
