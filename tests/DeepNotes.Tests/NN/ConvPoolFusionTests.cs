using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

/// <summary>
/// A max pool over a recorded conv output differentiates through both at once (the conv output's sparse gradient is
/// never built). These check it against the unfused chain and against central differences.
/// </summary>
public class ConvPoolFusionTests
{
    private static Tensor Conv(Tensor x, Tensor f, Tensor? b, int stride, string padding, int dilation, bool relu) => relu
        ? F.Conv2DRelu(x, f, b, (stride, stride), padding, (dilation, dilation))
        : F.Conv2D(x, f, b, stride, padding, dilation);

    /// <summary>x·1 is a fresh tensor that is not a conv output, so the pool after it takes the plain path.</summary>
    private static Tensor Unfused(Tensor y) => y * 1.0;

    [Theory]
    // n, h, w, c, k, o, conv stride, padding, dilation, pool, pool stride, pool padding, relu
    [InlineData(2, 16, 16, 3, 4, 8, 1, "same", 1, 8, 8, "same", true)]   // the SIGNS net's first block
    [InlineData(2, 8, 8, 8, 2, 16, 1, "same", 1, 4, 4, "same", true)]    // and its second
    [InlineData(2, 9, 11, 3, 3, 4, 1, "same", 1, 3, 2, "same", true)]    // overlapping windows, odd sizes
    [InlineData(1, 9, 7, 2, 3, 5, 2, "valid", 1, 2, 2, "valid", false)]  // channels off the vector width
    [InlineData(2, 10, 9, 3, 3, 4, 1, "same", 2, 2, 1, "valid", true)]   // dilation
    [InlineData(3, 7, 13, 1, 2, 8, 2, "same", 1, 3, 3, "same", false)]
    [InlineData(16, 48, 48, 3, 4, 8, 1, "same", 1, 4, 4, "same", true)]   // big enough to split over threads
    public void MatchesTheUnfusedChainInBothDTypes(int n, int h, int w, int c, int k, int o, int stride, string padding, int dilation,
        int pool, int poolStride, string poolPadding, bool relu)
    {
        var rng = new System.Random(21);
        var x = NNCheck.Rand(rng, n, h, w, c);
        var f = NNCheck.Rand(rng, k, k, c, o);
        var b = NNCheck.Rand(rng, o) * 0.2;
        var r = NNCheck.Rand(rng, 1);
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            double tol = dtype == DType.Float64 ? 1e-12 : 1e-5;
            Tensor[] Leaves() => [x.AsType(dtype).Copy().RequireGrad(), f.AsType(dtype).Copy().RequireGrad(), b.AsType(dtype).Copy().RequireGrad()];
            var fused = Leaves();
            var plain = Leaves();
            var yf = F.MaxPool2D(Conv(fused[0], fused[1], fused[2], stride, padding, dilation, relu), pool, poolStride, poolPadding);
            var yp = F.MaxPool2D(Unfused(Conv(plain[0], plain[1], plain[2], stride, padding, dilation, relu)), pool, poolStride, poolPadding);
            Assert.StartsWith("conv2d", yf.GradFn!.Name);
            Assert.Equal("max_pool2d", yp.GradFn!.Name);
            NNCheck.Close(yp.ToArray(), yf.ToArray(), 0);
            var weights = NNCheck.Rand(new System.Random(5), yf.ShapeCopy()).AsType(dtype);
            (yf * weights).Sum().Backward();
            (yp * weights).Sum().Backward();
            for (int i = 0; i < 3; i++) NNCheck.Close(plain[i].Grad!.ToArray(), fused[i].Grad!.ToArray(), tol);
        }
    }

    [Theory]
    [InlineData(2, 8, 8, 3, 4, 4, 1, "same", 1, 4, 4, "same", true)]
    [InlineData(1, 7, 9, 2, 3, 3, 2, "same", 1, 2, 2, "same", false)]
    [InlineData(2, 7, 6, 2, 2, 4, 1, "valid", 2, 3, 2, "valid", true)]
    [InlineData(1, 6, 6, 4, 3, 5, 1, "same", 1, 3, 1, "same", true)]
    public void GradientsMatchCentralDifferences(int n, int h, int w, int c, int k, int o, int stride, string padding, int dilation,
        int pool, int poolStride, string poolPadding, bool relu)
    {
        var rng = new System.Random(22);
        NNCheck.Gradients(t => F.MaxPool2D(Conv(t[0], t[1], t[2], stride, padding, dilation, relu), pool, poolStride, poolPadding),
            [NNCheck.Rand(rng, n, h, w, c), NNCheck.Rand(rng, k, k, c, o), NNCheck.Rand(rng, o) * 0.2]);
    }

    [Theory]
    [InlineData(2, 16, 16, 3, 4, 8, 1, "same", 8, 8, "same")]
    [InlineData(2, 9, 11, 3, 3, 4, 2, "same", 3, 2, "same")]
    [InlineData(3, 7, 13, 1, 2, 5, 1, "valid", 2, 2, "valid")]
    public void ASeparateReluFoldsInToo(int n, int h, int w, int c, int k, int o, int stride, string padding, int pool, int poolStride, string poolPadding)
    {
        // Keras' functional SIGNS model: Conv2D → ReLU() → MaxPool2D.
        var rng = new System.Random(25);
        var x = NNCheck.Rand(rng, n, h, w, c);
        var f = NNCheck.Rand(rng, k, k, c, o);
        var b = NNCheck.Rand(rng, o) * 0.2;
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            double tol = dtype == DType.Float64 ? 1e-12 : 1e-5;
            Tensor[] Leaves() => [x.AsType(dtype).Copy().RequireGrad(), f.AsType(dtype).Copy().RequireGrad(), b.AsType(dtype).Copy().RequireGrad()];
            var fused = Leaves();
            var plain = Leaves();
            var yf = F.MaxPool2D(F.Conv2D(fused[0], fused[1], fused[2], stride, padding).Relu(), pool, poolStride, poolPadding);
            var yp = F.MaxPool2D(Unfused(F.Conv2D(plain[0], plain[1], plain[2], stride, padding)).Relu(), pool, poolStride, poolPadding);
            Assert.Equal("conv2d_relu_max_pool2d", yf.GradFn!.Name);
            Assert.Equal("max_pool2d", yp.GradFn!.Name);
            NNCheck.Close(yp.ToArray(), yf.ToArray(), 0);
            var weights = NNCheck.Rand(new System.Random(6), yf.ShapeCopy()).AsType(dtype);
            (yf * weights).Sum().Backward();
            (yp * weights).Sum().Backward();
            for (int i = 0; i < 3; i++) NNCheck.Close(plain[i].Grad!.ToArray(), fused[i].Grad!.ToArray(), tol);
        }
        NNCheck.Gradients(t => F.MaxPool2D(F.Conv2D(t[0], t[1], t[2], stride, padding).Relu(), pool, poolStride, poolPadding),
            [x.Copy(), f.Copy(), b.Copy()]);
    }

    [Fact]
    public void AConvOutputUsedTwiceGetsBothGradients()
    {
        // The pool differentiates through the conv directly; the other use goes through the conv's own node.
        var rng = new System.Random(23);
        NNCheck.Gradients(t =>
        {
            var y = F.Conv2DRelu(t[0], t[1], t[2], (1, 1), "same", (1, 1));
            return F.MaxPool2D(y, 2, 2, "same").Sum([1, 2]) + y.Sum([1, 2]) * 0.5;
        }, [NNCheck.Rand(rng, 2, 5, 5, 3), NNCheck.Rand(rng, 3, 3, 3, 4), NNCheck.Rand(rng, 4) * 0.2]);
    }

    [Fact]
    public void OnlyTheGradientsThatAreAskedForAreComputed()
    {
        // The SIGNS net's input needs no gradient; a frozen bias neither.
        var rng = new System.Random(24);
        var x = NNCheck.Rand(rng, 2, 8, 8, 3);
        var f = NNCheck.Rand(rng, 2, 2, 3, 4).RequireGrad();
        var b = NNCheck.Rand(rng, 4);
        F.MaxPool2D(F.Conv2DRelu(x, f, b, (1, 1), "same", (1, 1)), 4).Sum().Backward();
        var expected = f.Grad!.ToArray();
        f.ZeroGrad();
        F.MaxPool2D(Unfused(F.Conv2DRelu(x, f, b, (1, 1), "same", (1, 1))), 4).Sum().Backward();
        NNCheck.Close(f.Grad!.ToArray(), expected, 1e-12);
        Assert.Null(x.Grad);
        Assert.Null(b.Grad);
    }
}
