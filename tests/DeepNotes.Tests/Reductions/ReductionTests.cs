using DeepNotes;
using DeepNotes.Tests.Support;
using static DeepNotes.Tests.Pointwise.Reference;

namespace DeepNotes.Tests.Reductions;

public class ReductionTests
{
    private delegate Tensor Reducer(Tensor x, int[]? axes, bool keepDims);

    private static (Reducer Op, Func<double[], double> Ref) Get(string name) => name switch
    {
        "sum" => ((x, a, k) => x.Sum(a, k), v => v.Sum()),
        "mean" => ((x, a, k) => x.Mean(a, k), v => v.Average()),
        "max" => ((x, a, k) => x.Max(a, k), v => v.Max()),
        "min" => ((x, a, k) => x.Min(a, k), v => v.Min()),
        "var" => ((x, a, k) => x.Var(a, 0, k), v => Variance(v, 0)),
        "var1" => ((x, a, k) => x.Var(a, 1, k), v => Variance(v, 1)),
        "std" => ((x, a, k) => x.Std(a, 0, k), v => Math.Sqrt(Variance(v, 0))),
        "prod" => ((x, a, k) => x.Prod(a, k), v => v.Aggregate(1.0, (p, e) => p * e)),
        "norm" => ((x, a, k) => x.Norm(null, a, k), v => Math.Sqrt(v.Sum(e => e * e))),
        "logsumexp" => ((x, a, k) => x.LogSumExp(a, k), v => Math.Log(v.Sum(Math.Exp))),
        _ => throw new ArgumentException(name),
    };

    private static double Variance(double[] v, int ddof)
    {
        double m = v.Average();
        return v.Sum(e => (e - m) * (e - m)) / (v.Length - ddof);
    }

    public static TheoryData<string> Names => new() { "sum", "mean", "max", "min", "var", "var1", "std", "prod", "norm", "logsumexp" };

    /// <summary>A view with strides that skip elements (every other row, offset by one column).</summary>
    private static Tensor SlicedView(Random rng, int[] shape)
    {
        if (shape.Length == 0) return RandomTensor(rng, shape);
        var big = shape.Select(d => d * 2 + 1).ToArray();
        var b = RandomTensor(rng, big, 0.5, 1.5);
        var strides = b.Strides.Select(s => s * 2).ToArray();
        int offset = b.Strides.Sum();
        return new Tensor(b.Storage, shape, strides, offset);
    }

    private static IEnumerable<int[]> AxisSubsets(int rank)
    {
        for (int m = 1; m < 1 << rank; m++)
            yield return Enumerable.Range(0, rank).Where(i => (m >> i & 1) != 0).ToArray();
    }

    private static double[] ReferenceReduce(Tensor x, bool[] mask, Func<double[], double> f)
    {
        var groups = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var idx in Indices(x.Shape.ToArray()))
        {
            var key = string.Join(",", idx.Where((_, i) => !mask[i]).Select(v => v.ToString("D4")));
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(x.GetValue(idx));
        }
        return groups.Values.Select(l => f(l.ToArray())).ToArray();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryAxisCombinationOnContiguousTransposedAndSlicedViews(string name)
    {
        var (op, reference) = Get(name);
        var rng = new Random(name.Length * 17 + name[0]);
        var shapes = new[] { new[] { 5 }, new[] { 3, 4 }, new[] { 2, 3, 4 }, new[] { 2, 3, 2, 3 } };
        foreach (var shape in shapes)
        {
            var views = new[] { RandomTensor(rng, shape, 0.5, 1.5), StridedView(rng, shape, 0.5, 1.5), SlicedView(rng, shape) };
            foreach (var x in views)
            {
                foreach (var axes in AxisSubsets(shape.Length).Append(null))
                {
                    var mask = axes is null ? Enumerable.Repeat(true, shape.Length).ToArray() : Enumerable.Range(0, shape.Length).Select(i => axes.Contains(i)).ToArray();
                    var expected = ReferenceReduce(x, mask, reference);
                    foreach (bool keep in new[] { false, true })
                    {
                        // negative axis numbers must mean the same
                        var given = axes?.Select(a => rng.Next(2) == 0 ? a - shape.Length : a).ToArray();
                        var r = op(x, given, keep);
                        var expectedShape = keep ? shape.Select((d, i) => mask[i] ? 1 : d).ToArray() : shape.Where((_, i) => !mask[i]).ToArray();
                        Assert.Equal(new Shape(expectedShape), r.Shape);
                        AssertClose(expected, r, 1e-12, $"{name} {x.Shape} strides {string.Join(",", x.Strides)} axes {(axes is null ? "all" : string.Join(",", axes))}");
                    }
                    var r32 = op(x.AsType(DType.Float32), axes, false);
                    Assert.Equal(DType.Float32, r32.DType);
                    AssertClose(expected, r32, 2e-5, name + " float32");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientsOverAxesIncludingStridedInputs(string name)
    {
        var (op, _) = Get(name);
        var rng = new Random(21);
        int[]?[] axesList = [null, [0], [1], [-1], [0, 2], [1, 2]];
        foreach (var axes in axesList)
        {
            var x = RandomTensor(rng, [2, 3, 4], 0.5, 1.5);
            var ax = axes;
            GradAssert.Check(t => op(t, ax, keepDims: false), x);
            GradAssert.Check(t => op(t.Permute(2, 0, 1), ax, keepDims: true), RandomTensor(rng, [3, 4, 2], 0.5, 1.5));
        }
    }

    [Fact]
    public void MaxGradientSplitsTiesAndProdGradientHandlesZeros()
    {
        var x = Tensor.FromArray(new double[,] { { 1, 3, 3 }, { 2, 0, 0 } }).RequireGrad();
        x.Max(1).Sum().Backward();
        Assert.Equal(new[] { 0, 0.5, 0.5, 1, 0, 0 }, x.Grad!.ToArray());
        x.ZeroGrad();
        x.Prod(1).Sum().Backward();
        // row 0: products of the others 9, 3, 3; row 1 has two zeros: every partial product contains a zero
        Assert.Equal(new double[] { 9, 3, 3, 0, 0, 0 }, x.Grad!.ToArray());
        var y = Tensor.FromArray(new double[] { 2, 0, 5 }).RequireGrad();
        y.Prod().Backward();
        Assert.Equal(new double[] { 0, 10, 0 }, y.Grad!.ToArray());
    }

    [Fact]
    public void NormOrdersMatchNumpy()
    {
        var a = Tensor.FromArray(new double[,] { { 1, -2 }, { 3, 4 } });
        Assert.Equal(Math.Sqrt(30), a.Norm().Item(), 14);
        Assert.Equal(6, a.Norm(1).Item());                       // max column sum
        Assert.Equal(7, a.Norm(double.PositiveInfinity).Item()); // max row sum
        Assert.Equal(4, a.Norm(-1).Item());
        Assert.Equal(3, a.Norm(double.NegativeInfinity).Item());
        Assert.Equal(new double[] { 3, 7 }, a.Norm(1, axis: 1).ToArray());
        Assert.Equal(new double[] { 3, 4 }, a.Norm(double.PositiveInfinity, axis: 0).ToArray());
        AssertClose([Math.Cbrt(9), Math.Cbrt(91)], a.Norm(3, axis: 1), 1e-14);
        Assert.Equal(new double[] { 2, 2 }, a.Norm(0, axis: 0).ToArray());
        Assert.Equal(new Shape(1, 1), a.Norm(1, [0, 1], keepDims: true).Shape);
        Assert.Equal(Math.Sqrt(30), Np.Norm(a, null, [0, 1]).Item(), 14);
        Assert.Throws<NotSupportedException>(() => a.Norm(2));
        Assert.Contains("rank 3", Assert.Throws<ArgumentException>(() => Tensor.Ones(2, 2, 2).Norm(1)).Message);
        var rng = new Random(4);
        GradAssert.Check(t => t.Norm(1, axis: 0), RandomTensor(rng, [3, 4], 0.5, 1.5));
        GradAssert.Check(t => t.Norm(3, axis: 1), RandomTensor(rng, [3, 4], 0.5, 1.5));
        GradAssert.Check(t => t.Norm(1), RandomTensor(rng, [3, 4], 0.5, 1.5));
        // the 2-norm's gradient at 0 is the zero subgradient, not NaN
        var z = Tensor.Zeros(3).RequireGrad();
        z.Norm().Backward();
        Assert.Equal(new double[] { 0, 0, 0 }, z.Grad!.ToArray());
    }

    [Fact]
    public void ArgMaxAndArgMinFollowNumpy()
    {
        var x = Tensor.FromArray(new double[,] { { 1, 5, 5 }, { 7, 0, 7 } });
        Assert.Equal(3, x.ArgMax().Item());
        Assert.Equal(4, x.ArgMin().Item());
        Assert.Equal(new double[] { 1, 0 }, x.ArgMax(1).ToArray());        // first of the ties
        Assert.Equal(new double[] { 1, 0, 1 }, x.ArgMax(0).ToArray());
        Assert.Equal(new double[] { 0, 1, 0 }, x.ArgMin(0).ToArray());
        Assert.Equal(new double[] { 0, 1 }, x.ArgMin(-1).ToArray());
        Assert.Equal(new Shape(2, 1), x.ArgMax(1, keepDims: true).Shape);
        Assert.Equal(new Shape(1, 1), x.ArgMax(null, keepDims: true).Shape);
        Assert.Equal(DType.Float64, x.AsType(DType.Float32).ArgMax(0).DType);
        Assert.Equal(new double[] { 1, 0, 1 }, x.T.ArgMax(1).ToArray());   // strided view
        var nan = Tensor.FromArray(new[] { 1, double.NaN, 3 });
        Assert.Equal(1, nan.ArgMax().Item());
        Assert.Equal(1, nan.ArgMin().Item());
        Assert.Equal(2, Tensor.FromArray(new[] { -0.0, 0.0, -1 }).ArgMin(0).Item());
        Assert.Equal(0, Tensor.FromArray(new[] { -0.0, 0.0 }).ArgMax().Item());
        var rng = new Random(8);
        var big = RandomTensor(rng, [7, 33]);
        var expected = Enumerable.Range(0, 7).Select(i => (double)Enumerable.Range(0, 33).MaxBy(j => big.GetValue(i, j))).ToArray();
        Assert.Equal(expected, big.ArgMax(1).ToArray());
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => Tensor.Zeros(0).ArgMax()).Message);
    }

    [Fact]
    public void ArgExtremaAlongEveryAxisMatchAReferenceWithTiesAndNaN()
    {
        var rng = new Random(13);
        foreach (var view in new[] { false, true })
        {
            var x = view ? StridedView(rng, [4, 5, 6]) : RandomTensor(rng, [4, 5, 6]);
            x = Tensor.FromArray(x.ToArray().Select(v => Math.Round(v)).ToArray(), 4, 5, 6);   // many ties
            if (view) x = x.Permute(2, 0, 1).Contiguous().Permute(1, 2, 0);
            x.SetValue(double.NaN, 1, 2, 3);
            for (int axis = 0; axis < 3; axis++)
            {
                foreach (bool max in new[] { true, false })
                {
                    var mask = Enumerable.Range(0, 3).Select(i => i == axis).ToArray();
                    var expected = ReferenceArg(x, axis, max);
                    var r = max ? x.ArgMax(axis) : x.ArgMin(axis);
                    Assert.Equal(expected, r.ToArray());
                }
            }
        }
    }

    private static double[] ReferenceArg(Tensor x, int axis, bool max)
    {
        var dims = x.Shape.ToArray();
        var outShape = dims.Where((_, i) => i != axis).ToArray();
        return Indices(outShape).Select(o =>
        {
            int best = 0;
            double bv = double.NaN;
            for (int k = 0; k < dims[axis]; k++)
            {
                var idx = o.Take(axis).Append(k).Concat(o.Skip(axis)).ToArray();
                double v = x.GetValue(idx);
                if (k == 0) { bv = v; continue; }
                if (double.IsNaN(bv)) break;
                if (double.IsNaN(v) || (max ? v > bv : v < bv)) { bv = v; best = k; }
            }
            return (double)best;
        }).ToArray();
    }

    [Fact]
    public void VarianceUsesDdofAndStdIsItsRoot()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 });
        Assert.Equal(1.25, x.Var().Item(), 15);
        Assert.Equal(5.0 / 3, x.Var(ddof: 1).Item(), 15);
        Assert.Equal(Math.Sqrt(1.25), x.Std().Item(), 15);
        Assert.Equal(Math.Sqrt(5.0 / 3), Np.Std(x, ddof: 1).Item(), 15);
        // two-pass: accurate with a large offset (a naive E[x²] − E[x]² loses everything here)
        var shifted = x + 1e9;
        Assert.Equal(1.25, shifted.Var().Item(), 6);
    }

    [Fact]
    public void BroadcastViewsWithZeroStridesReduceCorrectly()
    {
        var b = Tensor.Arange(0, 3).Reshape(3, 1).BroadcastTo(3, 4);
        Assert.Equal(new double[] { 3, 3, 3, 3 }, b.Sum(0).ToArray());
        Assert.Equal(new double[] { 0, 4, 8 }, b.Sum(1).ToArray());
        Assert.Equal(12, b.Sum().Item());
        Assert.Equal(new double[] { 2, 2, 2, 2 }, b.Max(0).ToArray());
        Assert.Equal(new double[] { 2, 2, 2, 2 }, b.ArgMax(0).ToArray());
        Assert.Equal(new double[] { 0, 0, 0 }, b.Var(1).ToArray());
    }

    [Fact]
    public void EmptyReductionsFollowNumpy()
    {
        var e = Tensor.Zeros(0, 3);
        Assert.Equal(new double[] { 0, 0, 0 }, e.Sum(0).ToArray());
        Assert.Equal(new double[] { 1, 1, 1 }, e.Prod(0).ToArray());
        Assert.Equal(new Shape(0), e.Sum(1).Shape);
        Assert.Contains("zero-size array", Assert.Throws<ArgumentException>(() => e.Max(0)).Message);
        Assert.True(double.IsNaN(e.Mean().Item()));
    }

    [Fact]
    public void BadAxesNameTheRank()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Contains("sum: axis 2 is out of bounds for a tensor of rank 2", Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2)).Message);
        Assert.Contains("var: axis -3 is out of bounds for a tensor of rank 2", Assert.Throws<ArgumentOutOfRangeException>(() => x.Var(-3)).Message);
        Assert.Contains("argmax: axis 5 is out of bounds for a tensor of rank 2", Assert.Throws<ArgumentOutOfRangeException>(() => x.ArgMax(5)).Message);
        Assert.Contains("duplicate value in axis (1, -1)", Assert.Throws<ArgumentException>(() => x.Max([1, -1])).Message);
    }

    [Fact]
    public void ParallelReductionsOfLargeTensorsAgreeWithAPlainLoop()
    {
        // Over a million elements: the runs, blocks and columns are split across cores.
        int n = (1 << 20) + 4001;
        var data = new double[n];
        for (int i = 0; i < n; i++) data[i] = (i * 7919 % 1000) / 250.0 - 2;
        var x = Tensor.FromArray(data);
        Assert.Equal(data.Sum(), x.Sum().Item(), 6);
        Assert.Equal(data.Max(), x.Max().Item());
        Assert.Equal(data.Min(), x.Min().Item());
        Assert.Equal(Math.Sqrt(data.Sum(v => v * v)), x.Norm().Item(), 6);
        Assert.Equal(x.Sum().Item(), x.Sum().Item());   // deterministic

        int rows = 1027, cols = 1024;
        var m = Tensor.FromArray(data[..(rows * cols)], rows, cols);
        var colSums = new double[cols];
        var rowMax = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            rowMax[r] = double.NegativeInfinity;
            for (int c = 0; c < cols; c++)
            {
                colSums[c] += data[r * cols + c];
                rowMax[r] = Math.Max(rowMax[r], data[r * cols + c]);
            }
        }
        AssertClose(colSums, m.Sum(0), 1e-12);
        Assert.Equal(rowMax, m.Max(1).ToArray());
        AssertClose(colSums, m.T.Sum(1), 1e-12);
        var cube = m.Reshape(13, 79, 1024);
        var middle = cube.Sum(1).ToArray();
        for (int a = 0; a < 13; a++)
            for (int c = 0; c < cols; c += 97)
            {
                double s = 0;
                for (int b = 0; b < 79; b++) s += data[(a * 79 + b) * cols + c];
                Assert.Equal(s, middle[a * cols + c], 10);
            }
        var f32 = x.AsType(DType.Float32).Sum().Item();
        Assert.Equal(data.Sum(), f32, 0);
    }

    [Fact]
    public void LargeReductionsAgreeWithAPlainLoop()
    {
        // long rows and columns exercise the SIMD reduce and the row-fold paths
        var rng = new Random(12);
        var x = RandomTensor(rng, [37, 129]);
        var data = x.ToArray();
        for (int axis = 0; axis < 2; axis++)
        {
            var r = x.Sum(axis).ToArray();
            var t = x.T.Sum(1 - axis).ToArray();
            int outer = axis == 0 ? 129 : 37;
            for (int o = 0; o < outer; o++)
            {
                double s = 0;
                for (int k = 0; k < (axis == 0 ? 37 : 129); k++) s += axis == 0 ? data[k * 129 + o] : data[o * 129 + k];
                Assert.Equal(s, r[o], 11);
                Assert.Equal(s, t[o], 11);
            }
        }
    }
}
