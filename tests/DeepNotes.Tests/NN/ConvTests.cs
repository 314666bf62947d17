using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

public class ConvTests
{
    /// <summary>Direct convolution loops with explicit pads (the reference every fast path must match).</summary>
    private static double[] NaiveConv(Tensor x, Tensor w, Tensor? b, int sh, int sw, int dh, int dw, int top, int left, int oh, int ow)
    {
        int n = x.Dims[0], h = x.Dims[1], wd = x.Dims[2], c = x.Dims[3], kh = w.Dims[0], kw = w.Dims[1], o = w.Dims[3];
        var y = new double[n * oh * ow * o];
        for (int i = 0; i < n; i++)
        for (int r = 0; r < oh; r++)
        for (int s = 0; s < ow; s++)
        for (int f = 0; f < o; f++)
        {
            double acc = b is null ? 0 : b.GetValue(f);
            for (int p = 0; p < kh; p++)
            for (int q = 0; q < kw; q++)
            {
                int ih = r * sh - top + p * dh, iw = s * sw - left + q * dw;
                if (ih < 0 || ih >= h || iw < 0 || iw >= wd) continue;
                for (int ch = 0; ch < c; ch++) acc += x.GetValue(i, ih, iw, ch) * w.GetValue(p, q, ch, f);
            }
            y[((i * oh + r) * ow + s) * o + f] = acc;
        }
        return y;
    }

    [Theory]
    [InlineData(2, 5, 6, 3, 3, 3, 4, 1, "valid", 1)]
    [InlineData(2, 5, 6, 3, 3, 3, 4, 1, "same", 1)]
    [InlineData(1, 7, 7, 2, 3, 2, 3, 2, "same", 1)]
    [InlineData(2, 8, 6, 2, 4, 4, 3, 2, "same", 1)]
    [InlineData(1, 9, 8, 2, 3, 3, 2, 1, "same", 2)]
    [InlineData(1, 9, 9, 2, 3, 3, 2, 2, "valid", 2)]
    [InlineData(3, 4, 4, 5, 1, 1, 6, 1, "valid", 1)]
    [InlineData(1, 6, 5, 1, 2, 2, 1, 3, "same", 1)]
    public void ForwardMatchesDirectLoops(int n, int h, int w, int c, int kh, int kw, int o, int stride, string padding, int dilation)
    {
        var rng = new System.Random(1);
        var x = NNCheck.Rand(rng, n, h, w, c);
        var f = NNCheck.Rand(rng, kh, kw, c, o);
        var b = NNCheck.Rand(rng, o);
        var y = F.Conv2D(x, f, b, stride, padding, dilation);
        int keffH = (kh - 1) * dilation + 1, keffW = (kw - 1) * dilation + 1;
        int oh, ow, top, left;
        if (padding == "same")
        {
            oh = (h + stride - 1) / stride;
            ow = (w + stride - 1) / stride;
            top = Math.Max((oh - 1) * stride + keffH - h, 0) / 2;
            left = Math.Max((ow - 1) * stride + keffW - w, 0) / 2;
        }
        else
        {
            oh = (h - keffH) / stride + 1;
            ow = (w - keffW) / stride + 1;
            top = left = 0;
        }
        Assert.Equal(new Shape(n, oh, ow, o), y.Shape);
        NNCheck.Close(NaiveConv(x, f, b, stride, stride, dilation, dilation, top, left, oh, ow), y.ToArray());
    }

    [Fact]
    public void Float32MatchesFloat64()
    {
        var rng = new System.Random(2);
        var x = NNCheck.Rand(rng, 2, 9, 9, 3);
        var f = NNCheck.Rand(rng, 3, 3, 3, 5);
        var y64 = F.Conv2D(x, f, null, 2, "same");
        var y32 = F.Conv2D(x.AsType(DType.Float32), f.AsType(DType.Float32), null, 2, "same");
        Assert.Equal(DType.Float32, y32.DType);
        NNCheck.Close(y64.ToArray(), y32.ToArray(), 1e-5);
    }

    [Theory]
    [InlineData(3, 20, 21, 3, 4, 4, 1, "same")]
    [InlineData(2, 17, 30, 2, 3, 3, 2, "same")]
    [InlineData(2, 9, 26, 5, 2, 5, 1, "valid")]
    [InlineData(1, 6, 7, 1, 3, 3, 3, "same")]
    [InlineData(16, 40, 40, 3, 4, 4, 1, "same")]   // big enough to split over threads
    public void OneVectorOfOutputChannelsMatchesTheReference(int n, int h, int w, int c, int kh, int kw, int stride, string padding)
    {
        // 8 float32 (or 4 float64) output channels take the direct SIMD kernels; compare with the GEMM path in float64.
        var rng = new System.Random(8);
        var x = NNCheck.Rand(rng, n, h, w, c);
        var f = NNCheck.Rand(rng, kh, kw, c, 8);
        var b = NNCheck.Rand(rng, 8);
        var y64 = F.Conv2D(x, f, b, stride, padding);
        var x32 = x.AsType(DType.Float32).RequireGrad();
        var f32 = f.AsType(DType.Float32).RequireGrad();
        var b32 = b.AsType(DType.Float32).RequireGrad();
        var y32 = F.Conv2D(x32, f32, b32, stride, padding);
        NNCheck.Close(y64.ToArray(), y32.ToArray(), 1e-5);
        var gy = NNCheck.Rand(rng, y64.ShapeCopy());
        var f64 = f.RequireGrad();
        var x64 = x.RequireGrad();
        F.Conv2D(x64, f64, b, stride, padding).Backward(gy);
        y32.Backward(gy.AsType(DType.Float32));
        NNCheck.Close(f64.Grad!.ToArray(), f32.Grad!.ToArray(), 1e-4);
        NNCheck.Close(x64.Grad!.ToArray(), x32.Grad!.ToArray(), 1e-4);
        NNCheck.Close(gy.Sum([0, 1, 2]).ToArray(), b32.Grad!.ToArray(), 1e-4);
    }

    [Theory]
    // n, h, w, c, kh, kw, strides, dilation (h, w), pads (top, bottom, left, right)
    [InlineData(2, 9, 5, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1)]     // rows narrower than eight pixels
    [InlineData(2, 11, 19, 3, 4, 4, 1, 1, 1, 1, 1, 2, 1, 2)]   // "same" with an even kernel, 19 = 2·8 + 3 columns
    [InlineData(1, 13, 23, 2, 3, 2, 2, 3, 2, 1, 0, 2, 3, 0)]   // strides, vertical dilation, uneven explicit pads
    [InlineData(3, 7, 16, 5, 2, 5, 1, 2, 1, 1, 0, 0, 0, 0)]    // no padding (no bordered copy), stride 2 across
    [InlineData(1, 8, 9, 1, 5, 5, 1, 1, 1, 1, 4, 4, 4, 4)]     // pads as wide as the kernel
    public void DirectKernelMatchesDirectLoopsInBothDTypes(int n, int h, int w, int c, int kh, int kw, int sh, int sw, int dh, int dw,
        int top, int bottom, int left, int right)
    {
        // One vector of output channels (4 float64, 8 float32) takes the direct kernel, relu fused or not.
        var rng = new System.Random(12);
        var x = NNCheck.Rand(rng, n, h, w, c);
        var padding = ConvPadding.Explicit(top, bottom, left, right);
        int oh = (h + top + bottom - (kh - 1) * dh - 1) / sh + 1, ow = (w + left + right - (kw - 1) * dw - 1) / sw + 1;
        foreach (var (dtype, o, tol) in new[] { (DType.Float64, 4, 1e-12), (DType.Float32, 8, 1e-5) })
        {
            var f = NNCheck.Rand(rng, kh, kw, c, o);
            var b = NNCheck.Rand(rng, o);
            var expected = NaiveConv(x, f, b, sh, sw, dh, dw, top, left, oh, ow);
            var y = F.Conv2D(x.AsType(dtype), f.AsType(dtype), b.AsType(dtype), (sh, sw), padding, (dh, dw));
            Assert.Equal(new Shape(n, oh, ow, o), y.Shape);
            NNCheck.Close(expected, y.ToArray(), tol);
            var yr = F.Conv2DRelu(x.AsType(dtype), f.AsType(dtype), b.AsType(dtype), (sh, sw), padding, (dh, dw));
            NNCheck.Close(expected.Select(v => Math.Max(v, 0)).ToArray(), yr.ToArray(), tol);
        }
    }

    [Fact]
    public void KnownSmallCase()
    {
        // 3×3 single-channel image, 2×2 filter of ones: each output is the sum of a 2×2 window.
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 1, 3, 3, 1);
        var f = Tensor.Ones(2, 2, 1, 1);
        Assert.Equal(new double[] { 12, 16, 24, 28 }, F.Conv2D(x, f).ToArray());
        // "same" pads one row/column after (TensorFlow puts the odd pixel at the end).
        Assert.Equal(new double[] { 12, 16, 9, 24, 28, 15, 15, 17, 9 }, F.Conv2D(x, f, padding: "same").ToArray());
    }

    [Fact]
    public void ExplicitPaddingAndLargeBatchUseTheParallelPath()
    {
        var rng = new System.Random(3);
        var x = NNCheck.Rand(rng, 6, 16, 16, 4);
        var f = NNCheck.Rand(rng, 3, 3, 4, 8);
        var y = F.Conv2D(x, f, null, (1, 2), ConvPadding.Explicit(1, 2, 0, 1), (1, 1));
        int oh = (16 + 3 - 3) / 1 + 1, ow = (16 + 1 - 3) / 2 + 1;
        Assert.Equal(new Shape(6, oh, ow, 8), y.Shape);
        NNCheck.Close(NaiveConv(x, f, null, 1, 2, 1, 1, 1, 0, oh, ow), y.ToArray());
    }

    [Theory]
    [InlineData(2, 5, 5, 2, 3, 3, 3, 1, "valid", 1)]
    [InlineData(2, 5, 6, 2, 3, 3, 2, 1, "same", 1)]
    [InlineData(1, 7, 6, 2, 3, 2, 3, 2, "same", 1)]
    [InlineData(2, 6, 7, 1, 2, 2, 2, 2, "valid", 1)]
    [InlineData(1, 7, 7, 2, 3, 3, 2, 1, "same", 2)]
    [InlineData(2, 3, 3, 3, 1, 1, 2, 1, "valid", 1)]
    [InlineData(1, 5, 13, 2, 3, 3, 4, 1, "same", 1)]
    [InlineData(2, 6, 19, 3, 4, 4, 4, 2, "same", 1)]
    [InlineData(1, 4, 12, 1, 2, 3, 4, 1, "valid", 1)]
    public void GradientsMatchCentralDifferences(int n, int h, int w, int c, int kh, int kw, int o, int stride, string padding, int dilation)
    {
        var rng = new System.Random(4);
        NNCheck.Gradients(t => F.Conv2D(t[0], t[1], t[2], stride, padding, dilation),
            [NNCheck.Rand(rng, n, h, w, c), NNCheck.Rand(rng, kh, kw, c, o), NNCheck.Rand(rng, o)]);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void FusedReluMatchesConvThenRelu(int filters)
    {
        // 4 float64 filters take the direct kernels (relu fused into the store), 5 the im2col + GEMM path.
        var rng = new System.Random(11);
        var x = NNCheck.Rand(rng, 2, 6, 7, 3);
        var f = NNCheck.Rand(rng, 3, 3, 3, filters);
        var b = NNCheck.Rand(rng, filters);
        NNCheck.Close(F.Conv2D(x, f, b, 1, "same").Relu().ToArray(), F.Conv2DRelu(x, f, b, (1, 1), "same", (1, 1)).ToArray());
        NNCheck.Gradients(t => F.Conv2DRelu(t[0], t[1], t[2], (2, 2), "same", (1, 1)), [x, f, b]);
        var x32 = NNCheck.Rand(rng, 2, 9, 20, 3).AsType(DType.Float32);
        var f32 = NNCheck.Rand(rng, 3, 3, 3, 8).AsType(DType.Float32);
        NNCheck.Close(F.Conv2D(x32, f32, null, 1, "same").Relu().ToArray(), F.Conv2DRelu(x32, f32, null, (1, 1), "same", (1, 1)).ToArray(), 1e-6);
    }

    [Theory]
    [InlineData(2, 3, 3, 2, 3, 3, 3, 2, "same", 1)]
    [InlineData(1, 3, 4, 2, 3, 3, 2, 2, "valid", 1)]
    [InlineData(1, 4, 3, 3, 2, 2, 2, 1, "same", 1)]
    [InlineData(2, 3, 3, 2, 3, 3, 2, 1, "valid", 2)]
    public void TransposeGradientsMatchCentralDifferences(int n, int h, int w, int cin, int kh, int kw, int cout, int stride, string padding, int dilation)
    {
        var rng = new System.Random(5);
        NNCheck.Gradients(t => F.Conv2DTranspose(t[0], t[1], t[2], stride, padding, dilation),
            [NNCheck.Rand(rng, n, h, w, cin), NNCheck.Rand(rng, kh, kw, cout, cin), NNCheck.Rand(rng, cout)]);
    }

    [Theory]
    [InlineData(3, 3, 2, "same", 6, 6)]
    [InlineData(3, 3, 2, "valid", 7, 7)]
    [InlineData(4, 4, 2, "same", 6, 6)]
    [InlineData(2, 2, 2, "valid", 6, 6)]
    public void TransposeIsTheAdjointOfConv(int kh, int kw, int stride, string padding, int expectH, int expectW)
    {
        // <conv(z), x> = <z, conv_transpose(x)> for the same filters: the defining property.
        var rng = new System.Random(6);
        var x = NNCheck.Rand(rng, 2, 3, 3, 4);
        var f = NNCheck.Rand(rng, kh, kw, 5, 4);
        var t = F.Conv2DTranspose(x, f, null, stride, padding);
        Assert.Equal(new Shape(2, expectH, expectW, 5), t.Shape);
        var z = NNCheck.Rand(rng, t.ShapeCopy());
        var cz = F.Conv2D(z, f, null, stride, padding);
        Assert.Equal(x.Shape, cz.Shape);
        Assert.Equal((cz * x).Sum().Item(), (z * t).Sum().Item(), 9);
    }

    [Fact]
    public void ErrorsNameTheShapes()
    {
        var x = Tensor.Zeros(1, 5, 5, 3);
        var ex = Assert.Throws<ArgumentException>(() => F.Conv2D(x, Tensor.Zeros(3, 3, 2, 4)));
        Assert.Contains("(1, 5, 5, 3)", ex.Message);
        Assert.Contains("(3, 3, 2, 4)", ex.Message);
        Assert.Throws<ArgumentException>(() => F.Conv2D(x, Tensor.Zeros(6, 6, 3, 4)));
        Assert.Throws<ArgumentException>(() => F.Conv2D(Tensor.Zeros(5, 5, 3), Tensor.Zeros(3, 3, 3, 4)));
        Assert.Throws<ArgumentException>(() => F.Conv2D(x, Tensor.Zeros(3, 3, 3, 4), Tensor.Zeros(3)));
    }
}
