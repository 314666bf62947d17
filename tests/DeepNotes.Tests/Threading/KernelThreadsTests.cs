using DeepNotes.Kernels;

namespace DeepNotes.Tests.Threading;

public class KernelThreadsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    public void EveryIndexRunsExactlyOnce(int count)
    {
        var hits = new int[count];
        for (int round = 0; round < 50; round++)
        {
            Array.Clear(hits);
            KernelThreads.For(count, i => Interlocked.Increment(ref hits[i]));
            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void NestedRegionsRunInlineAndComplete()
    {
        var hits = new int[8 * 8];
        KernelThreads.For(8, i =>
        {
            Assert.True(KernelThreads.InRegion);
            KernelThreads.For(8, j => Interlocked.Increment(ref hits[i * 8 + j]));
        });
        Assert.All(hits, h => Assert.Equal(1, h));
        Assert.False(KernelThreads.InRegion);
    }

    [Fact]
    public void ConcurrentCallersEachGetAllTheirIndices()
    {
        var totals = new long[4];
        Parallel.For(0, 4, caller =>
        {
            for (int round = 0; round < 200; round++)
                KernelThreads.For(16, i => Interlocked.Add(ref totals[caller], i));
        });
        Assert.All(totals, t => Assert.Equal(200L * (15 * 16 / 2), t));
    }

    [Fact]
    public void AnExceptionInABodyReachesTheCallerAndStopsTheRegion()
    {
        int finished = 0;
        var e = Assert.Throws<InvalidOperationException>(() => KernelThreads.For(32, i =>
        {
            if (i == 5) throw new InvalidOperationException("body 5");
            Interlocked.Increment(ref finished);
        }));
        Assert.Equal("body 5", e.Message);
        Assert.InRange(finished, 0, 31);   // no index starts after the failure
        // The pool is usable afterwards.
        int sum = 0;
        KernelThreads.For(10, i => Interlocked.Add(ref sum, i));
        Assert.Equal(45, sum);
    }
}
