using DeepNotes;
using DeepNotes.Tests.Support;
using DeepNotes.Tests.Indexing;
using static DeepNotes.Np;

namespace DeepNotes.Tests.ShapeOps;

public class JoinTests
{
    private static Tensor Random(Random rng, params int[] shape) =>
        Tensor.FromArray(Enumerable.Range(0, Shape.SizeOf(shape)).Select(_ => Math.Round(rng.NextDouble() * 20 - 10, 3)).ToArray(), shape);

    [Fact]
    public void RandomConcatenationsMatchExplicitPlacement()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 100; trial++)
        {
            int rank = rng.Next(1, 4);
            int axis = rng.Next(rank);
            var baseShape = Enumerable.Range(0, rank).Select(_ => rng.Next(1, 4)).ToArray();
            int count = rng.Next(1, 4);
            var parts = Enumerable.Range(0, count).Select(_ =>
            {
                var s = (int[])baseShape.Clone();
                s[axis] = rng.Next(0, 4);
                var t = Random(rng, s);
                return rng.Next(2) == 0 || rank == 1 ? t : t.Transpose().Contiguous().Transpose().Transpose().Transpose();
            }).ToArray();
            var y = Concatenate(parts, axis - (rng.Next(2) == 0 ? rank : 0));
            int total = parts.Sum(p => p.Shape[axis]);
            var expectedShape = (int[])baseShape.Clone();
            expectedShape[axis] = total;
            Assert.Equal(expectedShape, y.Shape.ToArray());
            // Every element of part k at index i lands at i shifted along axis by the sizes before it.
            int shift = 0;
            foreach (var p in parts)
            {
                var idx = new int[rank];
                for (int flat = 0; flat < p.Size; flat++)
                {
                    int rem = flat;
                    for (int d = rank - 1; d >= 0; d--) { idx[d] = rem % p.Shape[d]; rem /= p.Shape[d]; }
                    var dst = (int[])idx.Clone();
                    dst[axis] += shift;
                    Assert.Equal(p.GetValue(idx), y.GetValue(dst));
                }
                shift += p.Shape[axis];
            }
        }
    }

    [Fact]
    public void ConcatenateErrorsNameShapesAndAxis()
    {
        var e = Assert.Throws<ArgumentException>(() => Concatenate([Tensor.Zeros(2, 3), Tensor.Zeros(2, 4)], 0));
        Assert.Equal("concatenate: along axis 0, all the input array dimensions except for the concatenation axis must match exactly, " +
                     "but along dimension 1, the array at index 0 has shape (2, 3) and the array at index 1 has shape (2, 4)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Concatenate([Tensor.Zeros(2, 3), Tensor.Zeros(2)], 0));
        Assert.Contains("same number of dimensions", e.Message);
        var oob = Assert.Throws<ArgumentOutOfRangeException>(() => Concatenate([Tensor.Zeros(2, 3)], 2));
        Assert.Contains("axis 2 is out of bounds for a tensor of rank 2", oob.Message);
        Assert.Throws<ArgumentException>(() => Stack([Tensor.Zeros(2), Tensor.Zeros(3)]));
    }

    [Fact]
    public void ConcatenatePromotesDtypes()
    {
        var y = Concatenate([Tensor.Ones([2], DType.Float32), Tensor.Zeros(1)]);
        Assert.Equal(DType.Float64, y.DType);
        Assert.Equal(new double[] { 1, 1, 0 }, y.ToArray());
    }

    [Fact]
    public void StackAddsAnAxis()
    {
        var a = Tensor.FromArray(new double[] { 1, 2, 3 });
        var b = Tensor.FromArray(new double[] { 4, 5, 6 });
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, Stack([a, b]).ToArray());
        var s1 = Stack([a, b], axis: 1);
        Assert.Equal(new Shape(3, 2), s1.Shape);
        Assert.Equal(new double[] { 1, 4, 2, 5, 3, 6 }, s1.ToArray());
        Assert.Equal(new Shape(3, 2), Stack([a, b], axis: -1).Shape);
        Assert.Equal(new Shape(2, 1, 3), VStack([a, b]).Reshape(2, 1, 3).Shape);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, HStack([a, b]).ToArray());
    }

    [Fact]
    public void SplitsAreViews()
    {
        var x = SlicingTests.Numbered(6, 4);
        var parts = x.Split(3);
        Assert.Equal(3, parts.Length);
        Assert.All(parts, p => Assert.Equal(new Shape(2, 4), p.Shape));
        Assert.Equal(x[4..].ToArray(), parts[2].ToArray());
        parts[1].SetValue(-1, 0, 0);
        Assert.Equal(-1, x.GetValue(2, 0));

        var cols = Split(x, new[] { 1, 3, 10 }, axis: 1);
        Assert.Equal(new[] { 1, 2, 1, 0 }, cols.Select(c => c.Shape[1]).ToArray());
        Assert.Equal(x[.., 3].ToArray(), cols[2].Reshape(-1).ToArray());

        var uneven = ArraySplit(Tensor.Arange(7), 3);
        Assert.Equal(new[] { 3, 2, 2 }, uneven.Select(p => p.Size).ToArray());
        Assert.Equal(new double[] { 5, 6 }, uneven[2].ToArray());
        var e = Assert.Throws<ArgumentException>(() => Tensor.Arange(7).Split(3));
        Assert.Equal("split: array split does not result in an equal division: axis 0 of size 7 into 3 sections", e.Message);
    }

    [Fact]
    public void GradientsOfJoinsAndSplits()
    {
        var rng = new Random(5);
        var a = Random(rng, 2, 3);
        var b = Random(rng, 2, 1);
        var c = Random(rng, 2, 2);
        GradAssert.Check(t => Concatenate(t, axis: 1), [a, b, c]);
        GradAssert.Check(t => Concatenate([t[0].T, t[1].T], axis: 0), [a, c]);
        GradAssert.Check(t => Stack([t[0], t[1] * 2.0, t[0]], axis: 1), [a, Random(rng, 2, 3)]);
        GradAssert.Check(t =>
        {
            var p = t.Split([1, 2], axis: 1);
            return p[0] * p[2] + p[1];
        }, a);
        GradAssert.Check(t => t.ArraySplit(2, axis: 1)[1], Random(rng, 2, 5));
    }
}
