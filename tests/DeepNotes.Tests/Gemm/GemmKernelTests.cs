using DeepNotes.Kernels;

namespace DeepNotes.Tests.Gemm;

/// <summary>
/// Gemm.Multiply against a naive double-precision triple loop: odd sizes around the micro-tile and block
/// edges, all four transpose combinations, padded leading dimensions, accumulate, both dtypes.
/// </summary>
public class GemmKernelTests
{
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 1, 1, 1 }, { 7, 7, 7 }, { 1, 65, 33 }, { 65, 1, 33 }, { 63, 65, 129 }, { 65, 63, 7 }, { 129, 129, 129 },
        { 13, 200, 5 }, { 37, 300, 1 }, { 100, 70, 0 }, { 6, 64, 600 }, { 20, 140, 1100 }, { 50, 77, 520 },
        { 2, 3, 4 }, { 3, 2, 40 }, { 31, 33, 35 }, { 7, 20, 209 }, { 2, 9, 300 }, { 1, 5, 70 }, { 9, 2, 100 }, { 30, 3, 70 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Float64MatchesReference(int m, int n, int k)
    {
        // accumulate alternates with the transposes so both settings meet every size.
        foreach (var (transA, transB) in TransposeCombinations)
            Check<double>(m, n, k, transA, transB, accumulate: transA ^ transB, padding: 3, tolerance: 1e-12);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Float32MatchesReference(int m, int n, int k)
    {
        foreach (var (transA, transB) in TransposeCombinations)
            Check<float>(m, n, k, transA, transB, accumulate: transA == transB, padding: 5, tolerance: 2e-5);
    }

    [Theory]
    [InlineData("Avx2")]
    [InlineData("Portable")]
    public void FallbackKernelsMatchReference(string isaName)
    {
        var isa = Enum.Parse<Kernels.Gemm.GemmIsa>(isaName);
        if (isa == Kernels.Gemm.GemmIsa.Avx2 && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated) return;
        Kernels.Gemm.ForcedIsa = isa;
        try
        {
            foreach (var (m, n, k) in new[] { (7, 17, 9), (65, 63, 129), (13, 40, 600) })
                foreach (var (transA, transB) in TransposeCombinations)
                {
                    Check<float>(m, n, k, transA, transB, accumulate: true, padding: 2, tolerance: 2e-5);
                    Check<double>(m, n, k, transA, transB, accumulate: false, padding: 1, tolerance: 1e-12);
                }
        }
        finally { Kernels.Gemm.ForcedIsa = null; }
    }

    [Fact]
    public void SkinnyDeepShapeSplitsKCorrectly()
    {
        // 20×6000 · 6000×70 takes the split-K path when two threads are available.
        Check<float>(20, 70, 6000, false, false, accumulate: true, padding: 0, tolerance: 1e-4);
        Check<double>(20, 70, 6000, false, true, accumulate: false, padding: 2, tolerance: 1e-11);
    }

    [Theory]
    [InlineData(37, 20, 1100)]
    [InlineData(9, 5, 600)]
    [InlineData(23, 23, 4100)]
    [InlineData(12, 24, 513)]
    [InlineData(211, 20, 5000)]
    [InlineData(64, 17, 1500)]
    [InlineData(9, 7, 9000)]
    public void NarrowDeepShapesTakeTheDotPathCorrectly(int m, int n, int k)
    {
        // Row-major A, n ≤ 24, k ≥ 512: the dot-product kernels (ragged k ends, edge tiles, several k slices, K- and M-split threads,
        // op(B) read in place when transposed or packed column by column otherwise).
        foreach (var (transA, transB) in TransposeCombinations)
        {
            Check<float>(m, n, k, transA, transB, accumulate: transB, padding: 3, tolerance: 2e-5);
            Check<double>(m, n, k, transA, transB, accumulate: !transB, padding: 1, tolerance: 1e-12);
        }
    }

    [Theory]
    [InlineData(20, 300, 209)]
    [InlineData(7, 257, 40)]
    [InlineData(10, 1000, 7)]
    [InlineData(9, 520, 600)]
    [InlineData(19, 4100, 33)]
    [InlineData(17, 333, 1100)]
    public void FewRowsWideShapesTakeTheTallKernelsCorrectly(int m, int n, int k)
    {
        // m ≤ 20 rows that fill 10-row tiles and n ≥ 256: up to 10 rows, the 10-row kernels reading B in place (whole panels,
        // a packed ragged panel, two K slices when k > KC, A packed from either layout, N split across threads); 11 to 20
        // rows, the 20-row kernel (one vector of columns a call, a masked ragged vector, zero-padded A rows, K slices).
        foreach (var (transA, transB) in TransposeCombinations)
        {
            Check<float>(m, n, k, transA, transB, accumulate: transB, padding: 2, tolerance: 2e-5);
            Check<double>(m, n, k, transA, transB, accumulate: !transB, padding: 1, tolerance: 1e-12);
        }
    }

    [Theory]
    [InlineData(20, 1024, 209)]
    [InlineData(13, 2048, 70)]
    [InlineData(10, 1024, 33)]
    public void FewRowsWithBRowsFourKibApartArePackedCorrectly(int m, int n, int k)
    {
        // B's rows a multiple of 4 KiB apart (padding 0, float32) share one L1 set: with two row tiles the panels are
        // packed (the blocked loop with the 10-row kernels), with one tile B still streams in place.
        foreach (var (transA, transB) in TransposeCombinations)
        {
            Check<float>(m, n, k, transA, transB, accumulate: transA, padding: 0, tolerance: 2e-5);
            Check<double>(m, n / 2, k, transA, transB, accumulate: !transA, padding: 0, tolerance: 1e-12);
        }
    }

    [Theory]
    [InlineData(48 * 1024, false)]   // a flattened 64×64×3 float32 image: one L1 set
    [InlineData(4096, false)]
    [InlineData(256, false)]         // 16 sets
    [InlineData(128 * 4, false)]
    [InlineData(209 * 4, true)]      // not a whole number of lines
    [InlineData(96 * 4, true)]       // 6 lines: 32 sets
    [InlineData(100 * 4, true)]
    public void RowStridesThatShareCacheSetsAreDetected(int rowBytes, bool spread)
    {
        Assert.Equal(spread, Kernels.GemmBlocked<float, Kernels.Avx512Kernels<float>>.RowsSpreadOverCacheSets(rowBytes));
    }

    [Fact]
    public void WideShapeSplitsNInColumnBlocksCorrectly()
    {
        // n spans five 256-column blocks: with two threads they are handed out block by block (the last one ragged).
        foreach (var (transA, transB) in TransposeCombinations)
        {
            Check<float>(40, 1100, 50, transA, transB, accumulate: transA, padding: 1, tolerance: 2e-5);
            Check<double>(40, 1100, 50, transA, transB, accumulate: transB, padding: 0, tolerance: 1e-12);
        }
    }

    [Fact]
    public void TallNarrowShapeSplitsMCorrectly()
    {
        Check<float>(700, 20, 200, true, false, accumulate: false, padding: 1, tolerance: 2e-5);
        Check<double>(700, 20, 300, false, true, accumulate: true, padding: 0, tolerance: 1e-12);
    }

    [Fact]
    public void LeavesPaddingColumnsUntouched()
    {
        int m = 9, n = 70, k = 40, ldc = n + 4;
        var random = new Random(3);
        var a = GemmReference.Random(random, m * k);
        var b = GemmReference.Random(random, k * n);
        var c = Enumerable.Repeat(123.0, m * ldc).ToArray();
        Kernels.Gemm.Multiply<double>(false, false, m, n, k, a, k, b, n, c, ldc);
        for (int i = 0; i < m; i++)
            for (int j = n; j < ldc; j++) Assert.Equal(123.0, c[i * ldc + j]);
    }

    [Fact]
    public void ZeroDepthClearsOrKeepsC()
    {
        var c = new[] { 1.0, 2, 3, 4 };
        Kernels.Gemm.Multiply<double>(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: true);
        Assert.Equal(new[] { 1.0, 2, 3, 4 }, c);
        Kernels.Gemm.Multiply<double>(false, false, 2, 2, 0, [], 0, [], 2, c, 2);
        Assert.Equal(new double[4], c);
    }

    [Fact]
    public void RejectsTooShortOperandsBeforeWriting()
    {
        var c = new[] { 7.0, 7, 7, 7 };
        var error = Assert.Throws<ArgumentException>(() =>
            Kernels.Gemm.Multiply<double>(false, false, 2, 2, 3, new double[5], 3, new double[6], 2, c, 2));
        Assert.Contains("A is 2×3", error.Message);
        Assert.Equal(new[] { 7.0, 7, 7, 7 }, c);
        Assert.Throws<ArgumentException>(() =>
            Kernels.Gemm.Multiply<double>(false, false, 2, 2, 3, new double[6], 2, new double[6], 2, c, 2));
    }

    internal static readonly (bool, bool)[] TransposeCombinations = [(false, false), (true, false), (false, true), (true, true)];

    internal static void Check<T>(int m, int n, int k, bool transA, bool transB, bool accumulate, int padding, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(m * 1000003 + n * 1009 + k * 17 + (transA ? 1 : 0) + (transB ? 2 : 0));
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = aCols + padding, ldb = bCols + padding, ldc = n + padding;
        var a = GemmReference.Random(random, Math.Max(0, aRows * lda));
        var b = GemmReference.Random(random, Math.Max(0, bRows * ldb));
        var c = GemmReference.Random(random, m * ldc);
        if (typeof(T) == typeof(float))
        {
            // Compare against the reference on the float-rounded inputs.
            a = a.Select(v => (double)(float)v).ToArray();
            b = b.Select(v => (double)(float)v).ToArray();
            c = c.Select(v => (double)(float)v).ToArray();
        }
        var expected = GemmReference.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
        var ta = a.Select(v => T.CreateTruncating(v)).ToArray();
        var tb = b.Select(v => T.CreateTruncating(v)).ToArray();
        var tc = c.Select(v => T.CreateTruncating(v)).ToArray();
        Kernels.Gemm.Multiply<T>(transA, transB, m, n, k, ta, lda, tb, ldb, tc, ldc, accumulate);
        double scale = Math.Max(1, Math.Sqrt(k));
        for (int i = 0; i < tc.Length; i++)
        {
            double actual = double.CreateTruncating(tc[i]);
            double diff = Math.Abs(actual - expected[i]);
            if (diff > tolerance * scale)
                Assert.Fail($"{typeof(T).Name} m={m} n={n} k={k} transA={transA} transB={transB} accumulate={accumulate}: " +
                    $"C[{i / ldc}, {i % ldc}] = {actual}, expected {expected[i]} (|diff| {diff:e2})");
        }
    }
}
