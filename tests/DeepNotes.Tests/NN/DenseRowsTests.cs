using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

/// <summary>
/// Dense's bias rows (added in registers, in parallel for large outputs) and bias gradient (column sums down the
/// rows) give exactly the row-by-row loop's results, for widths below, at and across the vector widths.
/// </summary>
public class DenseRowsTests
{
    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 1 }, { 3, 7 }, { 5, 16 }, { 4, 17 }, { 9, 64 }, { 33, 90 }, { 2, 200 }, { 1920, 90 }, { 700, 129 }, { 0, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchTheRowLoopExactly(int rows, int cols)
    {
        Check<float>(rows, cols);
        Check<double>(rows, cols);
    }

    private static void Check<T>(int rows, int cols) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new System.Random(rows * 1000 + cols);
        T R() => T.CreateChecked(rng.NextDouble() * 2 - 1);
        var a = Enumerable.Range(0, rows * cols).Select(_ => R()).ToArray();
        var b = Enumerable.Range(0, cols).Select(_ => R()).ToArray();

        var expected = (T[])a.Clone();
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) expected[r * cols + j] += b[j];
        var got = (T[])a.Clone();
        DenseRows.AddBias<T>(got, rows, cols, b);
        Assert.Equal(expected, got);

        var sums = new T[cols];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) sums[j] += a[r * cols + j];
        var gotSums = Enumerable.Repeat(T.CreateChecked(123), cols + 1).ToArray(); // overwritten, the extra one untouched
        DenseRows.ColumnSums<T>(a, rows, cols, gotSums);
        Assert.Equal(sums, gotSums[..cols]);
        Assert.Equal(T.CreateChecked(123), gotSums[cols]);
    }

    [Theory]
    [InlineData(300, 64, 90, FusedActivation.Linear)]  // the jazz head's shape class
    [InlineData(300, 120, 40, FusedActivation.Tanh)]   // wide input: dWᵀ then a transpose, with an activation
    [InlineData(50, 30, 20, FusedActivation.Sigmoid)]  // below the concurrent size
    public void GradientsMatchTheComposedOpsInFloat64(int n, int k, int m, FusedActivation act)
    {
        var rng = new System.Random(n + k + m);
        var x = NNCheck.Rand(rng, n, k).RequireGrad();
        var w = NNCheck.Rand(rng, k, m).RequireGrad();
        var b = NNCheck.Rand(rng, m).RequireGrad();
        var weights = NNCheck.Rand(rng, n, m);
        (F.Dense(x, w, b, act) * weights).Sum().Backward();
        var (gx, gw, gb) = (x.Grad!.ToArray(), w.Grad!.ToArray(), b.Grad!.ToArray());
        x.Grad = w.Grad = b.Grad = null;
        var z = x.MatMul(w) + b;
        var y = act switch { FusedActivation.Tanh => z.Tanh(), FusedActivation.Sigmoid => z.Sigmoid(), _ => z };
        (y * weights).Sum().Backward();
        NNCheck.Close(x.Grad!.ToArray(), gx, 1e-12);
        NNCheck.Close(w.Grad!.ToArray(), gw, 1e-12);
        NNCheck.Close(b.Grad!.ToArray(), gb, 1e-12);
    }

    [Fact]
    public void DenseHeadOnASequenceMatchesTheComposedOps()
    {
        // The jazz model's head: Dense(90) on (N, T, 64) with its bias, value and gradients against matmul + add.
        var rng = new System.Random(5);
        var x = NNCheck.Rand(rng, 8, 30, 64).AsType(DType.Float32).RequireGrad();
        var w = NNCheck.Rand(rng, 64, 90).AsType(DType.Float32).RequireGrad();
        var b = NNCheck.Rand(rng, 90).AsType(DType.Float32).RequireGrad();
        var weights = NNCheck.Rand(rng, 8, 30, 90).AsType(DType.Float32);
        var y = F.Dense(x, w, b, FusedActivation.Linear);
        (y * weights).Sum().Backward();
        var (gx, gw, gb) = (x.Grad!.ToArray(), w.Grad!.ToArray(), b.Grad!.ToArray());
        x.Grad = w.Grad = b.Grad = null;
        var y2 = x.MatMul(w) + b;
        (y2 * weights).Sum().Backward();
        NNCheck.Close(y2.ToArray(), y.ToArray(), 1e-5);
        NNCheck.Close(x.Grad!.ToArray(), gx, 1e-5);
        NNCheck.Close(w.Grad!.ToArray(), gw, 1e-4);
        NNCheck.Close(b.Grad!.ToArray(), gb, 1e-4);
    }
}
