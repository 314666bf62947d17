namespace DeepNotes.Gpu.Tests;

public class MemoryTests
{
    [Fact]
    public void ScopeReleasesTemporariesAndTheLoopStopsAllocating()
    {
        var backend = Gpu.Backend;
        var w = Gpu.Random([32, 16]).To(Gpu.Device);
        var x = Gpu.Random([8, 32]).To(Gpu.Device);
        long live = backend.LiveBytes;
        long allocationsAfterFirst = 0;
        for (int step = 0; step < 4; step++)
        {
            using (var scope = GpuBackend.Scope())
            {
                var y = (x.MatMul(w).Tanh() * 2.0).Sum();
                Assert.True(scope.Count >= 3);
                Assert.True(double.IsFinite(y.Item()));
            }
            Assert.Equal(live, backend.LiveBytes);
            if (step == 0) allocationsAfterFirst = backend.Allocations;
        }
        Assert.Equal(allocationsAfterFirst, backend.Allocations);
        Assert.False(((GpuStorage<float>)w.Storage).IsDisposed);
    }

    [Fact]
    public void TensorsUsedAfterTheirScopeFailClearlyAndKeepSavesThem()
    {
        Tensor temp, kept;
        using (GpuBackend.Scope())
        {
            temp = Gpu.Random([4]).To(Gpu.Device) * 2.0;
            kept = GpuBackend.Keep(temp + 1.0);
        }
        var e = Assert.Throws<ObjectDisposedException>(() => temp.ToCpu());
        Assert.Contains("Scope", e.Message);
        Assert.Equal(4, kept.ToCpu().Size);
    }

    [Fact]
    public void PooledBuffersAreReusedBySizeClass()
    {
        var backend = Gpu.Backend;
        Tensor a;
        using (GpuBackend.Scope()) a = Tensor.Zeros([1000], DType.Float64).To(Gpu.Device);
        var storage = (GpuStorage<double>)a.Storage;
        Assert.True(storage.IsDisposed);
        using (GpuBackend.Scope())
        {
            var b = Tensor.Zeros([900], DType.Float64).To(Gpu.Device);   // same size class (1024)
            Assert.Equal(1024, ((GpuStorage<double>)b.Storage).Buffer.Length);
        }
        Assert.True(backend.PooledBytes >= 1024 * 8);
    }

    [Fact]
    public void OutOfMemoryNamesTheBytesRequestedAndFree()
    {
        var backend = Gpu.Backend;
        long saved = backend.MemoryLimitBytes;
        try
        {
            backend.MemoryLimitBytes = backend.LiveBytes + (1 << 20);
            var e = Assert.Throws<GpuOutOfMemoryException>(() => Tensor.Zeros([1 << 20], DType.Float64).To(Gpu.Device));
            Assert.Equal(8L << 20, e.RequestedBytes);
            Assert.Contains("requested 8 MiB", e.Message);
            Assert.Contains("free", e.Message);
        }
        finally
        {
            backend.MemoryLimitBytes = saved;
        }
    }
}
