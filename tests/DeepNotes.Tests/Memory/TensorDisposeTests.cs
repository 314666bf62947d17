namespace DeepNotes.Tests.Memory;

[CollectionDefinition(nameof(StoragePoolCollection), DisableParallelization = true)]
public sealed class StoragePoolCollection;

/// <summary>Tensor.Dispose and the storage pool: reuse when safe, clear errors after, never aliasing.</summary>
[Collection(nameof(StoragePoolCollection))]
public sealed class TensorDisposeTests
{
    // An odd length above the pool's 64 KiB floor that no other test allocates.
    private const int Rows = 7, Cols = 3181;

    private static Tensor Input() => Tensor.Arange(0, Rows * Cols, 1, DType.Float32).Reshape(Rows, Cols) * 1e-4f;

    [Fact]
    public void A_disposed_result_lends_its_array_to_the_next_result_of_the_same_size()
    {
        var x = Input();
        var first = x.Exp();
        var array = first.Data<float>();
        first.Dispose();
        var second = x.Sqrt();
        Assert.Same(array, second.Data<float>());
        Assert.Equal(Math.Sqrt(0.0123), second.GetValue(0, 123), 5);
        Assert.Equal(Math.Sqrt(1e-4 * (Rows * Cols - 1)), second.GetValue(Rows - 1, Cols - 1), 4);
    }

    [Fact]
    public void Zeros_from_a_recycled_array_are_zeros()
    {
        var dirty = Tensor.Full([Rows, Cols], 7.0, DType.Float32);
        dirty.Dispose();
        var zeros = Tensor.Zeros([Rows, Cols], DType.Float32);
        Assert.Equal(0.0, zeros.Abs().Sum().Item());
    }

    [Fact]
    public void A_live_view_keeps_the_memory_from_being_reused()
    {
        var x = Input();
        var y = x.Exp();
        var view = y.Reshape(Cols, Rows);
        var expected = view.ToFloatArray();
        y.Dispose();
        var other = x.Exp() * 3.0;
        Assert.NotSame(view.Data<float>(), other.Data<float>());
        Assert.Equal(expected, view.ToFloatArray());
    }

    [Fact]
    public void The_last_of_several_handles_recycles()
    {
        var y = Input().Exp();
        var array = y.Data<float>();
        var flat = y.Reshape(-1);
        y.Dispose();
        flat.Dispose();
        Assert.Same(array, Tensor.Empty([Rows, Cols], DType.Float32).Data<float>());
    }

    [Fact]
    public void Memory_the_tape_holds_is_never_recycled()
    {
        var w = Input().RequireGrad();
        var y = w * w;                    // its backward reads w, and y's own buffer is on the tape
        var loss = y.Sum();
        var array = y.Data<float>();
        y.Dispose();
        w.Dispose();                      // a parameter: only the handle goes
        var other = Input().Exp();
        Assert.NotSame(array, other.Data<float>());
        Assert.Throws<ObjectDisposedException>(() => loss.Backward());
    }

    [Fact]
    public void Wrapped_arrays_belong_to_the_caller_and_are_not_recycled()
    {
        var data = new float[Rows * Cols];
        var t = Tensor.Wrap(data, Rows, Cols);
        t.Dispose();
        Assert.NotSame(data, Tensor.Empty([Rows, Cols], DType.Float32).Data<float>());
    }

    [Fact]
    public void A_disposed_tensor_fails_clearly_and_prints_as_disposed()
    {
        var t = Input();
        t.Dispose();
        t.Dispose();   // twice is fine
        Assert.True(t.IsDisposed);
        Assert.Equal(new Shape([Rows, Cols]), t.Shape);
        var e = Assert.Throws<ObjectDisposedException>(() => t.Exp());
        Assert.Contains("disposed", e.Message);
        Assert.Throws<ObjectDisposedException>(() => t.Data<float>());
        Assert.Equal($"<disposed tensor, shape ({Rows}, {Cols}), float32>", t.ToString());
    }

    [Fact]
    public void The_pool_respects_its_limit()
    {
        long limit = StoragePool.LimitBytes;
        try
        {
            StoragePool.LimitBytes = 0;
            Assert.Equal(0, StoragePool.IdleBytes);
            var y = Input().Exp();
            var array = y.Data<float>();
            y.Dispose();
            Assert.Equal(0, StoragePool.IdleBytes);
            Assert.NotSame(array, Tensor.Empty([Rows, Cols], DType.Float32).Data<float>());
        }
        finally
        {
            StoragePool.LimitBytes = limit;
        }
    }

    [Fact]
    public void Float64_results_recycle_too()
    {
        var x = Tensor.Ones([Rows, Cols], DType.Float64);
        var y = x * 2.0;
        var array = y.Data<double>();
        y.Dispose();
        var z = x * 3.0;
        Assert.Same(array, z.Data<double>());
        Assert.Equal(3.0 * Rows * Cols, z.Sum().Item());
    }
}
