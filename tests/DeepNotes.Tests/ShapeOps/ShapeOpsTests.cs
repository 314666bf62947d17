using DeepNotes;
using DeepNotes.Tests.Support;
using DeepNotes.Tests.Indexing;
using static DeepNotes.Np;

namespace DeepNotes.Tests.ShapeOps;

public class ShapeOpsTests
{
    private static Tensor Smooth(params int[] shape) =>
        Tensor.FromArray(Enumerable.Range(0, Shape.SizeOf(shape)).Select(i => Math.Sin(1.3 * i + 0.2)).ToArray(), shape);

    [Fact]
    public void SqueezeAndExpandDims()
    {
        var x = Tensor.Zeros(1, 3, 1, 2);
        Assert.Equal(new Shape(3, 2), x.Squeeze().Shape);
        Assert.Equal(new Shape(1, 3, 2), Squeeze(x, 2).Shape);
        Assert.Equal(new Shape(3, 1, 2), x.Squeeze(0).Shape);
        var e = Assert.Throws<ArgumentException>(() => x.Squeeze(1));
        Assert.Equal("squeeze: cannot select an axis to squeeze out which has size not equal to one (axis 1 has size 3 in shape (1, 3, 1, 2))", e.Message);
        var v = Tensor.Arange(3);
        Assert.Equal(new Shape(1, 3), v.Unsqueeze(0).Shape);
        Assert.Equal(new Shape(3, 1), v.Unsqueeze(-1).Shape);
        Assert.Equal(new Shape(1, 3, 1), ExpandDims(v, 0, 2).Shape);
        Assert.Same(v.Storage, v.Unsqueeze(1).Storage);
        Assert.Throws<ArgumentOutOfRangeException>(() => v.Unsqueeze(2));
    }

    [Fact]
    public void FlattenCopiesRavelViews()
    {
        var x = SlicingTests.Numbered(2, 3);
        var f = x.Flatten();
        var r = x.Ravel();
        Assert.Equal(new Shape(6), f.Shape);
        Assert.NotSame(x.Storage, f.Storage);
        Assert.Same(x.Storage, r.Storage);
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, x.T.Ravel().ToArray());
        Assert.Equal(new Shape(2, 3, 1), Tensor.Arange(6).Unflatten(0, 2, -1, 1).Shape);
        Assert.Throws<InvalidOperationException>(() => x.T.View(6));
    }

    [Fact]
    public void FlipReversesAxesAsAView()
    {
        var x = SlicingTests.Numbered(2, 3);
        Assert.Equal(new double[] { 5, 4, 3, 2, 1, 0 }, x.Flip().ToArray());
        Assert.Equal(new double[] { 3, 4, 5, 0, 1, 2 }, Flip(x, 0).ToArray());
        Assert.Equal(new double[] { 2, 1, 0, 5, 4, 3 }, x.Flip(-1).ToArray());
        var f = x.Flip(1);
        f.SetValue(-1, 0, 0);
        Assert.Equal(-1, x.GetValue(0, 2));
        Assert.Equal(x.ToArray(), x.Flip(0, 1).Flip().ToArray());
        Assert.Equal(new double[] { 1, 0 }, x.Flip(1)[.., 1..].Flip(0)[1].ToArray());
    }

    [Fact]
    public void PadFollowsNumpyPadWidthForms()
    {
        var x = Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var p = x.Pad(1);
        Assert.Equal(new Shape(4, 4), p.Shape);
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0 }, p.ToArray());
        Assert.Equal(new Shape(3, 5), Pad(x, new[] { (1, 0), (2, 1) }).Shape);
        Assert.Equal(new double[] { 9, 9, 1, 2, 9, 9, 3, 4 }, Pad(x, new int[,] { { 0, 0 }, { 2, 0 } }, 9).ToArray());
        Assert.Equal(new Shape(5, 5), x.Pad((1, 2)).Shape);
        var X = Tensor.Ones(2, 3, 3, 1);
        var zp = X.Pad(new[] { (0, 0), (2, 2), (2, 2), (0, 0) });   // the course's zero_pad
        Assert.Equal(new Shape(2, 7, 7, 1), zp.Shape);
        Assert.Equal(18.0, zp.Sum().Item());
        Assert.Throws<ArgumentException>(() => x.Pad(-1));
        Assert.Throws<ArgumentException>(() => x.Pad(new[] { (1, 1), (1, 1), (1, 1) }));
        var f = Tensor.Ones([2], DType.Float32).Pad(1, 0.5);
        Assert.Equal(new float[] { 0.5f, 1, 1, 0.5f }, f.ToFloatArray());
    }

    [Fact]
    public void RepeatAndTileMatchNumpyExamples()
    {
        var x = Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(new double[] { 1, 1, 2, 2, 3, 3, 4, 4 }, Repeat(x, 2).ToArray());
        Assert.Equal(new double[] { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4 }, x.Repeat(3, axis: 1).ToArray());
        var r = x.Repeat(new[] { 1, 2 }, axis: 0);
        Assert.Equal(new Shape(3, 2), r.Shape);
        Assert.Equal(new double[] { 1, 2, 3, 4, 3, 4 }, r.ToArray());
        Assert.Equal(new Shape(0, 2), x.Repeat(0, axis: 0).Shape);

        var a = Tensor.FromArray(new double[] { 0, 1, 2 });
        Assert.Equal(new double[] { 0, 1, 2, 0, 1, 2 }, Tile(a, 2).ToArray());
        var t22 = a.Tile(2, 2);
        Assert.Equal(new Shape(2, 6), t22.Shape);
        Assert.Equal(new double[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2 }, t22.ToArray());
        Assert.Equal(new Shape(2, 1, 6), a.Tile(2, 1, 2).Shape);
        var b = Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(new double[] { 1, 2, 1, 2, 3, 4, 3, 4 }, b.Tile(2).ToArray());
        Assert.Equal(new double[] { 1, 2, 3, 4, 1, 2, 3, 4 }, b.Tile(2, 1).ToArray());
        Assert.Throws<ArgumentException>(() => x.Repeat(new[] { 1, 2, 3 }, axis: 0));
    }

    [Fact]
    public void OneHotInBothLayouts()
    {
        var labels = Tensor.FromArray(new double[,] { { 1, 2, 3, 0, 2, 1 } });   // the course's Y, shape (1, m)
        var courseLayout = OneHot(labels, 4, axis: 0);
        Assert.Equal(new Shape(4, 6), courseLayout.Shape);
        Assert.Equal(new double[] { 0, 0, 0, 1, 0, 0 }, courseLayout[0].ToArray());
        Assert.Equal(new double[] { 0, 1, 0, 0, 1, 0 }, courseLayout[2].ToArray());
        var keras = OneHot(new[] { 2, 0 }, 3, dtype: DType.Float32);
        Assert.Equal(new Shape(2, 3), keras.Shape);
        Assert.Equal(DType.Float32, keras.DType);
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 0 }, keras.ToFloatArray());
        Assert.Equal(courseLayout.T.ToArray(), OneHot(labels, 4).ToArray());
        Assert.Equal(courseLayout.ToArray(), Eye(4)[labels.Reshape(-1)].T.ToArray());   // the course's np.eye(C)[Y.reshape(-1)].T
        var e = Assert.Throws<ArgumentException>(() => OneHot(new[] { 0, 4 }, 4));
        Assert.Equal("one_hot: label 4 at position 1 is out of range for depth 4", e.Message);
    }

    [Fact]
    public void GradientsOfShapeOps()
    {
        var x = Smooth(2, 1, 3);
        GradAssert.Check(t => t.Squeeze() * t.Squeeze(), x);
        GradAssert.Check(t => t.Squeeze(1).Unsqueeze(0).ExpandDims(-1), x);
        GradAssert.Check(t => t.Flatten(), x);
        GradAssert.Check(t => t.Flip(0, 2), x);
        GradAssert.Check(t => t.Flip() * t, x);
        GradAssert.Check(t => t.Pad(new[] { (1, 0), (0, 2), (1, 1) }, 3.0), x);
        GradAssert.Check(t => t.Repeat(3), x);
        GradAssert.Check(t => t.Repeat(new[] { 2, 0, 1 }, axis: 2), x);
        GradAssert.Check(t => t.Tile(2, 1, 3), x);
        GradAssert.Check(t => t.Tile(2), Smooth(3));
        GradAssert.Check(t => t.T.Repeat(2, axis: 0), Smooth(2, 3));
    }
}

public class SortingTests
{
    [Fact]
    public void ArgsortIsStableAndPutsNaNLast()
    {
        var x = Tensor.FromArray(new double[] { 3, 1, double.NaN, 1, -2 });
        Assert.Equal(new double[] { 4, 1, 3, 0, 2 }, x.Argsort().ToArray());
        var m = Tensor.FromArray(new double[,] { { 3, 1, 2 }, { 0, 5, 4 } });
        Assert.Equal(new double[] { 1, 2, 0, 0, 2, 1 }, m.Argsort().ToArray());
        Assert.Equal(new double[] { 1, 0, 0, 0, 1, 1 }, Argsort(m, 0).ToArray());
        Assert.Equal(new double[] { 3, 1, 2, 0, 5, 4 }, m.Argsort(null).ToArray());
        Assert.Equal(new double[] { 0, 1, 2, 3, 4, 5 }, m.Sort(null).ToArray());
    }

    [Fact]
    public void SortGradientFollowsElements()
    {
        var x = Tensor.FromArray(new double[] { 0.3, -1.2, 2.5, 0.1, 0.7, -0.4 }, 2, 3);
        GradAssert.Check(t => t.Sort(1), x);
        GradAssert.Check(t => t.Sort(0), x);
    }
}
