namespace DeepNotes.Tests.Gemm;

/// <summary>Tensor.MatMul over views (transposed, sliced), batches with broadcasting, and both dtypes.</summary>
public class MatMulTests
{
    private static Tensor RandomTensor(Random random, DType dtype, params int[] shape)
    {
        var data = GemmReference.Random(random, shape.Aggregate(1, (x, y) => x * y));
        return Tensor.FromArray(data, shape).AsType(dtype);
    }

    /// <summary>Reference matmul of two 2-D tensors read element by element (any strides).</summary>
    private static double[] Reference2D(Tensor a, Tensor b)
    {
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += a.GetValue(i, p) * b.GetValue(p, j);
                result[i * n + j] = sum;
            }
        return result;
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(DType.Float64, 1e-12)]
    [InlineData(DType.Float32, 1e-4)]
    public void TransposedViewsNeedNoCopyAndMatch(DType dtype, double tolerance)
    {
        var random = new Random(11);
        var a = RandomTensor(random, dtype, 70, 45);   // used as a.T: 45×70
        var b = RandomTensor(random, dtype, 65, 70);   // used as b.T: 70×65
        var at = a.Transpose();
        var bt = b.Transpose();
        AssertClose(Reference2D(at, bt), at.MatMul(bt).ToArray(), tolerance);
        var c = RandomTensor(random, dtype, 70, 65);
        AssertClose(Reference2D(at, c), at.MatMul(c).ToArray(), tolerance);
        var d = RandomTensor(random, dtype, 30, 45);
        AssertClose(Reference2D(a, d.Transpose()), a.MatMul(d.Transpose()).ToArray(), tolerance);
    }

    [Theory]
    [InlineData(DType.Float64, 1e-12)]
    [InlineData(DType.Float32, 1e-4)]
    public void SlicedAndSteppedViewsMatch(DType dtype, double tolerance)
    {
        var random = new Random(12);
        var big = RandomTensor(random, dtype, 40, 90);
        // big[:, 5:75]: row stride 90 > width 70, read in place.
        var sliced = View(big, [40, 70], [90, 1], 5);
        var b = RandomTensor(random, dtype, 70, 33);
        AssertClose(Reference2D(sliced, b), sliced.MatMul(b).ToArray(), tolerance);
        // big[:, 5:75].T as the left operand: a transposed slice.
        var d = RandomTensor(random, dtype, 40, 25);
        AssertClose(Reference2D(sliced.Transpose(), d), sliced.Transpose().MatMul(d).ToArray(), tolerance);
        // big[::2, ::3]: neither axis unit-strided, so MatMul falls back to a copy.
        var stepped = View(big, [20, 30], [180, 3], 0);
        var c = RandomTensor(random, dtype, 30, 7);
        AssertClose(Reference2D(stepped, c), stepped.MatMul(c).ToArray(), tolerance);
        AssertClose(Reference2D(c.Transpose(), stepped.Transpose()), c.Transpose().MatMul(stepped.Transpose()).ToArray(), tolerance);
    }

    [Theory]
    [InlineData(DType.Float64, 1e-12)]
    [InlineData(DType.Float32, 1e-4)]
    public void BatchedBroadcastMatchesPerMatrixProducts(DType dtype, double tolerance)
    {
        var random = new Random(13);
        var a = RandomTensor(random, dtype, 3, 1, 9, 17);
        var b = RandomTensor(random, dtype, 4, 17, 11);
        var c = a.MatMul(b);
        Assert.Equal(new[] { 3, 4, 9, 11 }, c.Shape.ToArray());
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
            {
                var expected = Reference2D(Index0(Index0(a, i), 0), Index0(b, j));
                AssertClose(expected, Index0(Index0(c, i), j).Contiguous().ToArray(), tolerance);
            }
    }

    [Fact]
    public void LargeBatchOfSmallMatricesMatches()
    {
        var random = new Random(14);
        var a = RandomTensor(random, DType.Float32, 64, 8, 12);
        var b = RandomTensor(random, DType.Float32, 64, 12, 5).SwapAxes(-1, -2).Contiguous().SwapAxes(-1, -2);
        var c = a.MatMul(b);
        for (int t = 0; t < 64; t += 7)
            AssertClose(Reference2D(Index0(a, t), Index0(b, t)), Index0(c, t).Contiguous().ToArray(), 1e-4);
    }

    [Fact]
    public void MatrixTimesVectorAndVectorTimesMatrix()
    {
        var random = new Random(15);
        var a = RandomTensor(random, DType.Float64, 50, 300);
        var v = RandomTensor(random, DType.Float64, 300);
        var expected = Reference2D(a, v.Reshape(300, 1));
        AssertClose(expected, a.MatMul(v).ToArray(), 1e-12);
        var w = RandomTensor(random, DType.Float64, 50);
        AssertClose(Reference2D(w.Reshape(1, 50), a), w.MatMul(a).ToArray(), 1e-12);
    }

    [Fact]
    public void GradientsOfTransposedProductMatchReference()
    {
        var random = new Random(16);
        var w = RandomTensor(random, DType.Float64, 20, 40).RequireGrad();
        var x = RandomTensor(random, DType.Float64, 30, 40);
        var z = w.MatMul(x.Transpose());
        z.Sum().Backward();
        // d/dW sum(W·Xᵀ) = 1·X: every row of the gradient is the column sums of Xᵀ, i.e. X summed over rows.
        var expectedRow = Enumerable.Range(0, 40).Select(p => Enumerable.Range(0, 30).Sum(j => x.GetValue(j, p))).ToArray();
        var grad = w.Grad!.ToArray();
        for (int i = 0; i < 20; i++) AssertClose(expectedRow, grad.Skip(i * 40).Take(40).ToArray(), 1e-12);
    }

    /// <summary>t[i] along the first axis, as a view.</summary>
    private static Tensor Index0(Tensor t, int i)
    {
        var strides = t.Strides;
        return View(t, t.Shape.ToArray()[1..], strides[1..], t.Offset + i * strides[0]);
    }

    private static Tensor View(Tensor t, int[] shape, int[] strides, int offset) => new(t.Storage, shape, strides, offset);
}
