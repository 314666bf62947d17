using DeepNotes.Kernels;

namespace DeepNotes.Tests.Gemm;

/// <summary>
/// The low-overhead paths for small products (4×4 dot tiles for A·Bᵀ, 8-row kernels for a row-major B) and the streaming-store path for large
/// written-once outputs, against the naive reference: odd sizes, all transposes, both dtypes, and C at every
/// alignment (offsets into a larger array, padded and unpadded rows) with the memory around C left untouched.
/// </summary>
public class GemmDirectPathTests
{
    public static TheoryData<int, int, int> SmallTransposedBSizes => new()
    {
        { 7, 20, 209 }, { 3, 3, 64 }, { 4, 4, 128 }, { 5, 6, 65 }, { 7, 7, 127 }, { 9, 13, 100 }, { 63, 3, 65 },
        { 3, 65, 129 }, { 8, 8, 1000 }, { 6, 5, 70 }, { 17, 11, 129 }, { 7, 20, 2000 }, { 30, 60, 550 }, { 101, 19, 209 },
    };

    [Theory]
    [MemberData(nameof(SmallTransposedBSizes))]
    public void SmallProductsWithTransposedBMatchReference(int m, int n, int k)
    {
        // Row-major A with transposed B takes the dot tiles when small, or few outputs over a deeper k (edge tiles of 1-3
        // rows and columns, ragged k ends);
        // the other layouts of the same sizes run alongside for comparison.
        foreach (var (transA, transB) in GemmKernelTests.TransposeCombinations)
        {
            GemmKernelTests.Check<float>(m, n, k, transA, transB, accumulate: false, padding: 3, tolerance: 2e-5);
            GemmKernelTests.Check<float>(m, n, k, transA, transB, accumulate: true, padding: 0, tolerance: 2e-5);
            GemmKernelTests.Check<double>(m, n, k, transA, transB, accumulate: true, padding: 1, tolerance: 1e-12);
            GemmKernelTests.Check<double>(m, n, k, transA, transB, accumulate: false, padding: 0, tolerance: 1e-12);
        }
    }

    public static TheoryData<int, int, int> SmallRowMajorBSizes => new()
    {
        { 7, 209, 20 }, { 1, 16, 1 }, { 1, 17, 7 }, { 8, 48, 33 }, { 9, 49, 20 }, { 13, 47, 5 }, { 17, 65, 7 },
        { 63, 129, 1 }, { 65, 63, 63 }, { 2, 300, 100 }, { 24, 90, 30 }, { 16, 16, 129 },
    };

    [Theory]
    [MemberData(nameof(SmallRowMajorBSizes))]
    public void SmallProductsWithRowMajorBMatchReference(int m, int n, int k)
    {
        // A row-major B with n ≥ one vector takes the direct row kernels (row blocks of up to 8, 3-vector panels with a
        // masked ragged edge, A read in place from either layout).
        foreach (var transA in new[] { false, true })
        {
            GemmKernelTests.Check<float>(m, n, k, transA, false, accumulate: transA, padding: 3, tolerance: 2e-5);
            GemmKernelTests.Check<float>(m, n, k, transA, false, accumulate: !transA, padding: 0, tolerance: 2e-5);
            GemmKernelTests.Check<double>(m, n, k, transA, false, accumulate: !transA, padding: 1, tolerance: 1e-12);
            GemmKernelTests.Check<double>(m, n, k, transA, false, accumulate: transA, padding: 0, tolerance: 1e-12);
            foreach (var offset in new[] { 1, 3 })
            {
                CheckAtOffset<float>(m, n, k, transA, false, accumulate: false, offset, ldcPadding: offset - 1, 2e-5);
                CheckAtOffset<double>(m, n, k, transA, false, accumulate: true, offset, ldcPadding: 0, 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(3, 0, 0)]
    [InlineData(3, 1, 0)]
    [InlineData(3, 5, 3)]
    [InlineData(16, 7, 0)]
    [InlineData(16, 13, 1)]
    public void DotTilesMatchReferenceAtOffsets(int k, int cOffset, int ldcPadding)
    {
        // The kernel directly, for depths under one vector too, with C starting at odd offsets.
        CheckTiles<float>(7, 9, k, cOffset, ldcPadding, 2e-5);
        CheckTiles<double>(7, 9, k, cOffset, ldcPadding, 1e-12);
        CheckTiles<float>(1, 1, k + 16, cOffset, ldcPadding, 2e-5);
        CheckTiles<double>(5, 3, k + 65, cOffset, ldcPadding, 1e-12);
    }

    [Theory]
    [InlineData(65, 129, 7, false, 0, 0)]
    [InlineData(129, 63, 20, true, 1, 0)]
    [InlineData(63, 65, 1, true, 3, 5)]
    [InlineData(7, 209, 20, true, 2, 0)]
    [InlineData(130, 17, 33, false, 15, 1)]
    [InlineData(61, 1, 5, true, 1, 0)]
    [InlineData(100, 1100, 20, false, 1, 0)]
    [InlineData(2000, 70, 13, true, 2, 0)]
    public void StreamedOutputsMatchReference(int m, int n, int k, bool transA, int cOffset, int ldcPadding)
    {
        // With the size threshold lowered, every fresh (non-accumulating, one K slice) product streams its C: contiguous
        // rows as one range streamed during the next stripe's kernels, padded rows one by one, threads splitting N
        // (100×1100) or M (2000×70) sharing the partial lines at their borders.
        using var _ = new StreamingThreshold(0);
        foreach (var transB in new[] { false, true })
        {
            CheckAtOffset<float>(m, n, k, transA, transB, accumulate: false, cOffset, ldcPadding, 2e-5);
            CheckAtOffset<double>(m, n, k, transA, transB, accumulate: false, cOffset, ldcPadding, 1e-12);
            CheckAtOffset<float>(m, n, k, transA, transB, accumulate: true, cOffset, ldcPadding, 2e-5);
        }
    }

    [Fact]
    public void CourseShapeStreamsItsOutputCorrectly()
    {
        // dA0 = W1ᵀ·dZ1 at the course's size (10 MB of C, above the default threshold), split across threads.
        CheckAtOffset<float>(12288, 209, 20, true, false, accumulate: false, cOffset: 1, ldcPadding: 0, tolerance: 2e-5);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 15)]
    [InlineData(5, 16)]
    [InlineData(15, 17)]
    [InlineData(2, 100)]
    [InlineData(7, 1000)]
    public unsafe void StreamingCopyWritesExactlyTheRange(int offset, int count)
    {
        if (!StreamingStore.IsSupported) return;
        var src = Enumerable.Range(0, count).Select(i => i + 0.5f).ToArray();
        var dst = new float[offset + count + 40];
        Array.Fill(dst, -1f);
        // Pinned arrays are only 8-byte aligned, so offsets cover heads of every length over the test's runs.
        fixed (float* pd = dst, ps = src)
        {
            StreamingStore.Copy(pd + offset, ps, count);
            StreamingStore.Fence();
        }
        for (int i = 0; i < dst.Length; i++)
            Assert.Equal(i >= offset && i < offset + count ? src[i - offset] : -1f, dst[i]);
    }

    /// <summary>Lowers the streaming threshold of both 6-row kernel families for a test's duration.</summary>
    private sealed class StreamingThreshold : IDisposable
    {
        private readonly long saved512 = GemmBlocked<float, Avx512Kernels<float>>.StreamCThresholdBytes;
        private readonly long saved512d = GemmBlocked<double, Avx512Kernels<double>>.StreamCThresholdBytes;

        public StreamingThreshold(long bytes)
        {
            GemmBlocked<float, Avx512Kernels<float>>.StreamCThresholdBytes = bytes;
            GemmBlocked<double, Avx512Kernels<double>>.StreamCThresholdBytes = bytes;
        }

        public void Dispose()
        {
            GemmBlocked<float, Avx512Kernels<float>>.StreamCThresholdBytes = saved512;
            GemmBlocked<double, Avx512Kernels<double>>.StreamCThresholdBytes = saved512d;
        }
    }

    private static unsafe void CheckTiles<T>(int m, int n, int k, int cOffset, int ldcPadding, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) return;
        var random = new Random(m * 31 + n * 7 + k);
        int lda = k + 1, ldb = k + 2, ldc = n + ldcPadding;
        var a = GemmReference.Random(random, m * lda).Select(T.CreateTruncating).ToArray();
        var b = GemmReference.Random(random, n * ldb).Select(T.CreateTruncating).ToArray();
        foreach (var accumulate in new[] { false, true })
        {
            var c = Enumerable.Repeat(T.CreateTruncating(0.25), cOffset + m * ldc + 3).ToArray();
            var expected = GemmReference.Multiply(false, true, m, n, k, a.Select(double.CreateTruncating).ToArray(), lda,
                b.Select(double.CreateTruncating).ToArray(), ldb, c.Skip(cOffset).Take(m * ldc).Select(double.CreateTruncating).ToArray(), ldc, accumulate);
            fixed (T* pa = a, pb = b, pc = c)
                GemmDotTiles<T>.Run(m, n, k, pa, lda, pb, ldb, pc + cOffset, ldc, accumulate);
            AssertMatches(c, cOffset, expected, m, n, ldc, tolerance * Math.Sqrt(k), T.CreateTruncating(0.25));
        }
    }

    private static void CheckAtOffset<T>(int m, int n, int k, bool transA, bool transB, bool accumulate, int cOffset, int ldcPadding, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(m * 1000003 + n * 1009 + k * 17 + cOffset);
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        int ldc = n + ldcPadding;
        var a = GemmReference.Random(random, aRows * aCols).Select(T.CreateTruncating).ToArray();
        var b = GemmReference.Random(random, bRows * bCols).Select(T.CreateTruncating).ToArray();
        var fill = T.CreateTruncating(0.75);
        var c = Enumerable.Repeat(fill, cOffset + m * ldc + 21).ToArray();
        var expected = GemmReference.Multiply(transA, transB, m, n, k, a.Select(double.CreateTruncating).ToArray(), aCols,
            b.Select(double.CreateTruncating).ToArray(), bCols, c.Skip(cOffset).Take(m * ldc).Select(double.CreateTruncating).ToArray(), ldc, accumulate);
        Kernels.Gemm.Multiply<T>(transA, transB, m, n, k, a, aCols, b, bCols, c.AsSpan(cOffset, m * ldc), ldc, accumulate);
        AssertMatches(c, cOffset, expected, m, n, ldc, tolerance * Math.Max(1, Math.Sqrt(k)), fill);
    }

    /// <summary>C's m×n block at cOffset matches; its row padding and everything outside it still hold fill.</summary>
    private static void AssertMatches<T>(T[] c, int cOffset, double[] expected, int m, int n, int ldc, double tolerance, T fill)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < c.Length; i++)
        {
            int e = i - cOffset, row = e / ldc, col = e % ldc;
            bool inside = e >= 0 && row < m && col < n;
            if (!inside)
            {
                if (c[i] != fill) Assert.Fail($"{typeof(T).Name}: element {i} outside C (offset {cOffset}, ldc {ldc}) was overwritten with {c[i]}");
                continue;
            }
            double diff = Math.Abs(double.CreateTruncating(c[i]) - expected[e]);
            if (diff > tolerance)
                Assert.Fail($"{typeof(T).Name} m={m} n={n} ldc={ldc} offset={cOffset}: C[{row}, {col}] = {c[i]}, expected {expected[e]}");
        }
    }
}
