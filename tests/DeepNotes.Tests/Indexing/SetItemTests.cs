using DeepNotes;
using static DeepNotes.Np;
using static DeepNotes.Tests.Indexing.SlicingTests;

namespace DeepNotes.Tests.Indexing;

public class SetItemTests
{
    [Fact]
    public void RandomSliceAssignmentsMatchExplicitWrites()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 150; trial++)
        {
            int n0 = rng.Next(1, 6), n1 = rng.Next(1, 6);
            var x = Numbered(n0, n1);
            var expected = x.ToArray();
            var s0 = new Slice(rng.Next(-n0 - 1, n0 + 1), rng.Next(3) == 0 ? null : rng.Next(-n0 - 1, n0 + 1), rng.Next(2) == 0 ? -1 : rng.Next(1, 3));
            var s1 = new Slice(null, null, rng.Next(2) == 0 ? -2 : 1);
            var r0 = ReferenceSlice(n0, s0.Start, s0.Stop, s0.Step);
            var r1 = ReferenceSlice(n1, s1.Start, s1.Stop, s1.Step);
            // A row vector broadcast over the selected rows.
            var row = Tensor.FromArray(Enumerable.Range(0, r1.Count).Select(j => -1.0 - j).ToArray());
            x[s0, s1] = row;
            foreach (var i in r0)
                for (int j = 0; j < r1.Count; j++) expected[i * n1 + r1[j]] = -1.0 - j;
            Assert.Equal(expected, x.ToArray());
        }
    }

    [Fact]
    public void AssignsScalarsColumnsAndBroadcastValues()
    {
        var x = Tensor.Zeros(3, 4);
        x[1] = 5.0;
        Assert.Equal(new double[] { 5, 5, 5, 5 }, x[1].ToArray());
        x[.., 0] = Tensor.FromArray(new double[] { 1, 2, 3 });
        Assert.Equal(new double[] { 1, 2, 3 }, x[.., 0].ToArray());
        x[.., 2..] = Tensor.FromArray(new double[,] { { 7 }, { 8 }, { 9 } });   // (3, 1) broadcast to (3, 2)
        Assert.Equal(new double[] { 7, 7, 8, 8, 9, 9 }, x[.., 2..].Contiguous().ToArray());
        x[Ellipsis] = Tensor.FromArray(new double[,] { { 1, 2, 3, 4 } });     // (1, 4) into (3, 4)
        Assert.Equal(new double[] { 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4 }, x.ToArray());
        x[0, 0] = Tensor.FromArray(new double[,] { { 42 } });                  // leading length-1 axes are dropped
        Assert.Equal(42, x.GetValue(0, 0));
    }

    [Fact]
    public void AssignsThroughMasksAndIntegerArrays()
    {
        var A = Tensor.FromArray(new double[] { 0.1, 0.7, 0.4, 0.9 });
        A[Mask(A < 0.5)] = 0;                       // numpy's A[A < 0.5] = 0
        Assert.Equal(new double[] { 0, 0.7, 0, 0.9 }, A.ToArray());

        var x = Numbered(3, 3);
        x[new[] { 2, 0 }, new[] { 0, 2 }] = Tensor.FromArray(new double[] { -1, -2 });
        Assert.Equal(-1, x.GetValue(2, 0));
        Assert.Equal(-2, x.GetValue(0, 2));
        x[.., new[] { 1 }] = Tensor.FromArray(new double[,] { { 10 }, { 20 }, { 30 } });
        Assert.Equal(new double[] { 10, 20, 30 }, x[.., 1].ToArray());
        var f = Tensor.Zeros([2, 2], DType.Float32);
        f[new[] { true, false }] = 1.5;
        Assert.Equal(new float[] { 1.5f, 1.5f, 0, 0 }, f.ToFloatArray());
    }

    [Fact]
    public void CompoundAssignmentAddsIntoAView()
    {
        // The conv backward's da_prev_pad[v0:v1, h0:h1, :] += W * dz reads a view, adds, and writes back.
        var x = Tensor.Zeros(4, 4, 2);
        x[1..3, 1..3, ..] += Tensor.Ones(2, 2, 2) * 2.0;
        x[1..3, 1..3, ..] += 1;
        Assert.Equal(24.0, x.Sum().Item());
        Assert.Equal(3.0, x.GetValue(2, 2, 1));
        Assert.Equal(0.0, x.GetValue(0, 2, 1));
        x[0, 1] = 1;                                  // an int converts to a scalar value
        Assert.Equal(new double[] { 1, 1 }, x[0, 1].ToArray());
    }

    [Fact]
    public void TransposedCopiesMatchElementwiseReads()
    {
        // Permuted sources and destinations take the cache-blocked copy; sizes straddle the 32-wide tiles.
        var rng = new Random(9);
        for (int trial = 0; trial < 40; trial++)
        {
            var shape = new[] { rng.Next(1, 4), rng.Next(1, 70), rng.Next(1, 70) };
            var perm = new[] { 0, 1, 2 }.OrderBy(_ => rng.Next()).ToArray();
            var src = Numbered(shape).Permute(perm);
            var dst = Tensor.Zeros(src.Shape.ToArray());
            var dstView = Tensor.Zeros(src.Shape.Reverse().ToArray()).T;   // a transposed destination
            dst[Ellipsis] = src;
            dstView[Ellipsis] = src;
            var expected = new List<double>();
            for (int i = 0; i < src.Shape[0]; i++)
                for (int j = 0; j < src.Shape[1]; j++)
                    for (int k = 0; k < src.Shape[2]; k++) expected.Add(src.GetValue(i, j, k));
            Assert.Equal(expected.ToArray(), dst.ToArray());
            Assert.Equal(expected.ToArray(), dstView.ToArray());
        }
    }

    [Fact]
    public void OverlappingAssignmentReadsTheOldValues()
    {
        var x = Tensor.Arange(5);
        x[1..] = x[..^1];
        Assert.Equal(new double[] { 0, 0, 1, 2, 3 }, x.ToArray());
        var y = Tensor.Arange(4);
        y[..] = y[S(null, null, -1)];
        Assert.Equal(new double[] { 3, 2, 1, 0 }, y.ToArray());
    }

    [Fact]
    public void BadAssignmentsWriteNothing()
    {
        var x = Numbered(3, 4);
        var before = x.ToArray();
        var e = Assert.Throws<ArgumentException>(() => x[.., 1..] = Tensor.Ones(2));
        Assert.Equal("setitem: could not broadcast input array from shape (2,) into shape (3, 3)", e.Message);
        Assert.Throws<IndexOutOfRangeException>(() => x[new[] { 0, 1, 7 }] = 1.0);
        Assert.Throws<IndexOutOfRangeException>(() => x[0, new[] { 1, -9 }] = 1.0);
        Assert.Equal(before, x.ToArray());
    }

    [Fact]
    public void AssignmentRefusesTensorsInTheGraph()
    {
        var w = Tensor.Zeros(3).RequireGrad();
        Assert.Throws<InvalidOperationException>(() => w[0] = 1.0);
        using (Tensor.NoGrad()) w[0] = 1.0;
        Assert.Equal(1, w.GetValue(0));
        var h = w * 2.0;
        Assert.Throws<InvalidOperationException>(() => h[1] = 3.0);
    }
}
