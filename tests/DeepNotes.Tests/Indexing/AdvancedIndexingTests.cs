using DeepNotes;
using DeepNotes.Tests.Support;
using static DeepNotes.Np;
using static DeepNotes.Tests.Indexing.SlicingTests;

namespace DeepNotes.Tests.Indexing;

public class AdvancedIndexingTests
{
    private static Tensor IndexTensor(Random rng, int bound, params int[] shape) =>
        Tensor.FromArray(Enumerable.Range(0, Shape.SizeOf(shape)).Select(_ => (double)rng.Next(-bound, bound)).ToArray(), shape);

    private static int Wrap(double v, int n) => v < 0 ? (int)v + n : (int)v;

    [Fact]
    public void SingleIntegerArraySelectsRows()
    {
        var x = Numbered(5, 6);
        var y = x[new[] { 0, 2, -1, 2 }];
        Assert.Equal(new Shape(4, 6), y.Shape);
        Assert.Equal(x[4].ToArray(), y[2].ToArray());
        Assert.Equal(x[2].ToArray(), y[3].ToArray());
        Assert.NotSame(x.Storage, y.Storage);
    }

    [Fact]
    public void ColumnSelectionLikeTheCourse()
    {
        // X[:, idx] with idx a permutation, as in mini-batch shuffling.
        var X = Numbered(3, 5);
        int[] idx = [4, 0, 3, 1, 2];
        var shuffled = X[.., idx];
        Assert.Equal(new Shape(3, 5), shuffled.Shape);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 5; c++)
                Assert.Equal(X.GetValue(r, idx[c]), shuffled.GetValue(r, c));
    }

    [Fact]
    public void ShapesFollowNumpyRules()
    {
        var x = Numbered(2, 3, 4);
        int[] a = [0, 1];
        int[] b = [1, 2];
        Assert.Equal(new Shape(2, 3), x[a, .., b].Shape);            // separated: broadcast axes first
        Assert.Equal(new Shape(2, 2), x[.., a, b].Shape);            // adjacent: in place
        Assert.Equal(new Shape(2, 3), x[0, .., b].Shape);            // an int with an array counts as advanced (numpy quirk)
        Assert.Equal(new Shape(2, 2, 2, 4), x[.., Tensor.FromArray(new double[] { 0, 1, 2, 1 }, 2, 2)].Shape);
        Assert.Equal(new Shape(2, 2, 3, 4), x[Tensor.FromArray(new double[] { 0, 1, 1, 0 }, 2, 2)].Shape);
        Assert.Equal(new Shape(2, 3, 2), x[Tensor.FromArray(new double[] { 0, 1 }, 2, 1), Tensor.FromArray(new double[] { 0, 1, 2 }), 1..3].Shape);
        Assert.Equal(new Shape(2, 1, 3), x[a, NewAxis, .., 0].Shape);  // separated by NewAxis and a slice
        Assert.Equal(new Shape(2, 4), x[a, b].Shape);
    }

    [Fact]
    public void RandomAdvancedIndicesMatchExplicitLoops()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 60; trial++)
        {
            int n0 = rng.Next(1, 5), n1 = rng.Next(1, 5), n2 = rng.Next(1, 5);
            var x = Numbered(n0, n1, n2);
            // Index shapes that broadcast: (p, 1) with (q,), or (q,) with (q,).
            int p = rng.Next(1, 4), q = rng.Next(1, 4);
            bool twoD = rng.Next(2) == 0;
            int pattern = rng.Next(3);
            int na = pattern == 2 ? n1 : n0, nb = pattern == 0 ? n2 : pattern == 1 ? n1 : n2;
            var A = twoD ? IndexTensor(rng, na, p, 1) : IndexTensor(rng, na, q);
            var B = IndexTensor(rng, nb, q);
            var bShape = twoD ? new[] { p, q } : new[] { q };
            var av = A.ToArray();
            var bv = B.ToArray();
            int Ai(int i, int j) => Wrap(twoD ? av[i] : av[j], na);
            int Bi(int i, int j) => Wrap(bv[j], nb);
            int rows = twoD ? p : 1;
            var expected = new List<double>();
            Tensor y;
            switch (pattern)
            {
                case 0: // x[A, :, B]: separated, result B + (n1,)
                    y = x[A, .., B];
                    Assert.Equal(bShape.Append(n1).ToArray(), y.Shape.ToArray());
                    for (int i = 0; i < rows; i++) for (int j = 0; j < q; j++) for (int k = 0; k < n1; k++)
                        expected.Add(x.GetValue(Ai(i, j), k, Bi(i, j)));
                    break;
                case 1: // x[A, B, :]: adjacent at the front, result B + (n2,)
                    y = x[A, B];
                    Assert.Equal(bShape.Append(n2).ToArray(), y.Shape.ToArray());
                    for (int i = 0; i < rows; i++) for (int j = 0; j < q; j++) for (int k = 0; k < n2; k++)
                        expected.Add(x.GetValue(Ai(i, j), Bi(i, j), k));
                    break;
                default: // x[:, A, B]: adjacent after a slice, result (n0,) + B
                    y = x[.., A, B];
                    Assert.Equal(bShape.Prepend(n0).ToArray(), y.Shape.ToArray());
                    for (int k = 0; k < n0; k++) for (int i = 0; i < rows; i++) for (int j = 0; j < q; j++)
                        expected.Add(x.GetValue(k, Ai(i, j), Bi(i, j)));
                    break;
            }
            Assert.Equal(expected.ToArray(), y.ToArray());
        }
    }

    [Fact]
    public void EmptyAndZeroDimensionalCases()
    {
        var x = Numbered(3, 4);
        Assert.Equal(new Shape(0, 4), x[System.Array.Empty<int>()].Shape);
        Assert.Equal(new Shape(0), x[x > 100].Shape);
        Assert.Equal(new Shape(3, 0), x[.., x[0] > 100].Shape);
        Assert.Equal(new Shape(4), x[Tensor.Scalar(2)].Shape);                 // a 0-d index array drops the axis
        Assert.Equal(x[2].ToArray(), x[Tensor.Scalar(-1)].ToArray());
        var s = Tensor.Scalar(5);
        Assert.Equal(new Shape(), s[Ellipsis].Shape);
        Assert.Equal(new Shape(1), s[NewAxis].Shape);
        Assert.Equal(5.0, s[NewAxis, NewAxis].Item());
        var empty = Tensor.Zeros(0, 3);
        Assert.Equal(new Shape(0, 2), empty[S(null, null, -1), 1..].Shape);
        Assert.Equal(new Shape(3, 0), empty.T[.., S(null, null, -1)].Shape);
        Assert.Empty(empty.Flip().Pad(0).ToArray());
        x[System.Array.Empty<int>()] = 7.0;                                  // writes nothing
        Assert.Equal(Numbered(3, 4).ToArray(), x.ToArray());
    }

    [Fact]
    public void GatherOnStridedViewsAndFloat32()
    {
        var x = Tensor.Arange(0, 24, 1, DType.Float32).Reshape(2, 3, 4).Transpose(2, 0, 1);   // (4, 2, 3), strided
        var y = x[new[] { 3, 0 }, .., S(null, null, -1)];
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new Shape(2, 2, 3), y.Shape);
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) for (int k = 0; k < 3; k++)
            Assert.Equal(x.GetValue(i == 0 ? 3 : 0, j, 2 - k), y.GetValue(i, j, k));
    }

    [Fact]
    public void RowsOfATransposedViewGatherInBands()
    {
        // Strided blocks longer than one band (16) with repeated and negative indices.
        var X = Numbered(37, 23);
        int[] rows = [5, 0, 22, -1, 5, 11];
        var y = X.T[rows];
        Assert.Equal(new Shape(6, 37), y.Shape);
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < 37; j++)
                Assert.Equal(X.GetValue(j, rows[i] < 0 ? rows[i] + 23 : rows[i]), y.GetValue(i, j));
        var z = Numbered(3, 20, 4).Permute(0, 2, 1)[.., new[] { 3, 1 }];   // outer axis, then strided blocks of 20
        for (int a = 0; a < 3; a++)
            for (int j = 0; j < 20; j++)
                Assert.Equal(Numbered(3, 20, 4).GetValue(a, j, 1), z.GetValue(a, 1, j));
    }

    [Fact]
    public void MaskSelectsLikeNumpy()
    {
        var Y = Tensor.FromArray(new double[,] { { 1, 0, 1, 1, 0 } });
        var ones = Y[Mask(Y > 0.5)];
        Assert.Equal(new double[] { 1, 1, 1 }, ones.ToArray());
        Assert.Equal(new Shape(3), ones.Shape);

        var x = Numbered(3, 4);
        var rows = x[TensorIndex.Mask(Tensor.FromArray(new double[] { 1, 0, 1 }))];
        Assert.Equal(new Shape(2, 4), rows.Shape);
        Assert.Equal(x[2].ToArray(), rows[1].ToArray());
        var cols = x[.., new[] { true, false, false, true }];
        Assert.Equal(new Shape(3, 2), cols.Shape);
        Assert.Equal(new double[] { 0, 3, 4, 7, 8, 11 }, cols.ToArray());
        Assert.Equal(new double[] { 5, 6, 7, 8, 9, 10, 11 }, x.Mask(Tensor.FromArray(Enumerable.Range(0, 12).Select(i => i > 4 ? 1.0 : 0).ToArray(), 3, 4)).ToArray());

        var e = Assert.Throws<IndexOutOfRangeException>(() => x[Mask(Tensor.Ones(4))]);
        Assert.Equal("boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 4", e.Message);
    }

    [Fact]
    public void TakeAndTakeAlongAxis()
    {
        var x = Numbered(3, 4);
        Assert.Equal(new double[] { 11, 0, 5 }, x.Take(new[] { 11, 0, 5 }).ToArray());
        var t = x.Take(Tensor.FromArray(new double[] { 3, 3, 1, 0 }, 2, 2), axis: 1);
        Assert.Equal(new Shape(3, 2, 2), t.Shape);
        Assert.Equal(new double[] { 3, 3, 1, 0 }, t[0].ToArray());
        var picks = Tensor.FromArray(new double[,] { { 2 }, { 0 }, { 3 } });
        var along = x.TakeAlongAxis(picks, 1);
        Assert.Equal(new Shape(3, 1), along.Shape);
        Assert.Equal(new double[] { 2, 4, 11 }, along.ToArray());
        Assert.Equal(along.ToArray(), x.Gather(1, picks).ToArray());
        var nz = Nonzero(Tensor.FromArray(new double[,] { { 0, 2 }, { 3, 0 } }));
        Assert.Equal(new double[] { 0, 1 }, nz[0].ToArray());
        Assert.Equal(new double[] { 1, 0 }, nz[1].ToArray());
        Assert.Throws<IndexOutOfRangeException>(() => x.Take(new[] { 4 }, axis: 1));
    }

    [Fact]
    public void IndexErrorsNameAxisSizeAndShapes()
    {
        var x = Numbered(3, 4);
        var e = Assert.Throws<IndexOutOfRangeException>(() => x[new[] { 0, 5 }]);
        Assert.Equal("index 5 is out of bounds for axis 0 with size 3", e.Message);
        e = Assert.Throws<IndexOutOfRangeException>(() => x[new[] { 0, 1 }, new[] { 0, 1, 2 }]);
        Assert.Equal("shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)", e.Message);
        e = Assert.Throws<IndexOutOfRangeException>(() => x[Tensor.FromArray(new double[] { 0.5 })]);
        Assert.Contains("must hold integers", e.Message);
    }

    [Fact]
    public void GatherGradientAccumulatesDuplicates()
    {
        var x = Tensor.Zeros(4, 2).RequireGrad();
        x[new[] { 1, 1, 3, 1 }].Sum().Backward();
        Assert.Equal(new double[] { 0, 0, 3, 3, 0, 0, 1, 1 }, x.Grad!.ToArray());
    }

    [Fact]
    public void AdvancedIndexingGradientsMatchNumeric()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => Math.Cos(i)).ToArray(), 2, 3, 4);
        int[] a = [1, 0, 1];
        int[] b = [3, 3, 0];
        GradAssert.Check(t => t[a, .., b], x);
        GradAssert.Check(t => t[.., new[] { 2, 2, 0 }, S(null, null, -1)], x);
        GradAssert.Check(t => t[0, .., b], x);
        GradAssert.Check(t => t.Take(new[] { 5, 5, 23, 0 }), x);
        GradAssert.Check(t => t.TakeAlongAxis(Tensor.FromArray(new double[] { 0, 2, 2, 1, 0, 0, 1, 1 }, 2, 1, 4), 1), x);
        var m = Tensor.FromArray(Enumerable.Range(0, 12).Select(i => i % 3 == 0 ? 1.0 : 0).ToArray(), 2, 3, 2);
        GradAssert.Check(t => t[.., .., 1..3].Mask(m), x);
        GradAssert.Check(t => t[Mask(Tensor.FromArray(new double[] { 0, 1 }))], x);
        GradAssert.Check(t => t.MaskedFill(Tensor.FromArray(new double[] { 1, 0, 0, 1 }), -5), x);
    }
}

public class ComparisonMaskTests
{
    [Fact]
    public void ComparisonResultsIndexAsMasksLikeNumpy()
    {
        var Y = Tensor.FromArray(new double[,] { { 1, 0, 1, 1, 0 } });
        Assert.True((Y > 0.5).IsMask);
        Assert.Equal(new double[] { 1, 1, 1 }, Y[Tensor.Equal(Y, 1)].ToArray());     // numpy's Y[Y == 1]
        Assert.Equal(new Shape(2), Y[Y < 0.5].Shape);

        var A = Tensor.FromArray(new double[] { 0.1, 0.7, 0.4, 0.9 });
        A[A < 0.5] = 0;                                                              // numpy's A[A < 0.5] = 0
        Assert.Equal(new double[] { 0, 0.7, 0, 0.9 }, A.ToArray());

        var dZ = Tensor.FromArray(new double[,] { { 1, -2 }, { 3, 4 } });
        var Z = Tensor.FromArray(new double[,] { { -1, 2 }, { 0, 5 } });
        dZ[Z <= 0] = 0;                                                              // the course's relu_backward
        Assert.Equal(new double[] { 0, -2, 0, 4 }, dZ.ToArray());
    }

    [Fact]
    public void ViewsOfMasksStayMasksButArithmeticGivesPositions()
    {
        var x = Tensor.FromArray(new double[] { 10, 20, 30 });
        var m = x > 15;
        Assert.True(m.Reshape(1, 3)[0].IsMask);
        Assert.Equal(new double[] { 20, 30 }, x[m.Reshape(3)].ToArray());
        var positions = m * 1.0;                        // arithmetic: an ordinary 0/1 tensor
        Assert.False(positions.IsMask);
        Assert.Equal(new double[] { 10, 20, 20 }, x[positions].ToArray());
        Assert.False(Tensor.FromArray(new double[] { 0, 1 }).IsMask);
        Assert.Equal(new double[] { 20 }, x[TensorIndex.Mask(Tensor.FromArray(new double[] { 0, 1, 0 }))].ToArray());
    }
}
