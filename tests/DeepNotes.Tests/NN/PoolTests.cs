using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

public class PoolTests
{
    /// <summary>Naive pooling over the real pixels of each window (pads given explicitly).</summary>
    private static double[] NaivePool(Tensor x, int ph, int pw, int sh, int sw, int top, int left, int oh, int ow, bool max)
    {
        int n = x.Dims[0], h = x.Dims[1], w = x.Dims[2], c = x.Dims[3];
        var y = new double[n * oh * ow * c];
        for (int i = 0; i < n; i++)
        for (int r = 0; r < oh; r++)
        for (int s = 0; s < ow; s++)
        for (int ch = 0; ch < c; ch++)
        {
            double acc = max ? double.NegativeInfinity : 0;
            int count = 0;
            for (int p = 0; p < ph; p++)
            for (int q = 0; q < pw; q++)
            {
                int ih = r * sh - top + p, iw = s * sw - left + q;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                double v = x.GetValue(i, ih, iw, ch);
                acc = max ? Math.Max(acc, v) : acc + v;
                count++;
            }
            y[((i * oh + r) * ow + s) * c + ch] = max ? acc : acc / count;
        }
        return y;
    }

    [Theory]
    [InlineData(2, 6, 6, 3, 2, 2, "valid")]
    [InlineData(1, 7, 5, 2, 3, 2, "valid")]
    [InlineData(2, 7, 5, 2, 3, 2, "same")]
    [InlineData(1, 8, 8, 4, 3, 1, "same")]
    [InlineData(2, 64, 64, 8, 8, 8, "same")]
    public void ForwardMatchesNaivePooling(int n, int h, int w, int c, int pool, int stride, string padding)
    {
        var x = NNCheck.Rand(new System.Random(1), n, h, w, c);
        int oh, ow, top, left;
        if (padding == "same")
        {
            oh = (h + stride - 1) / stride;
            ow = (w + stride - 1) / stride;
            top = Math.Max((oh - 1) * stride + pool - h, 0) / 2;
            left = Math.Max((ow - 1) * stride + pool - w, 0) / 2;
        }
        else
        {
            oh = (h - pool) / stride + 1;
            ow = (w - pool) / stride + 1;
            top = left = 0;
        }
        var mx = F.MaxPool2D(x, pool, stride, padding);
        var av = F.AveragePool2D(x, pool, stride, padding);
        Assert.Equal(new Shape(n, oh, ow, c), mx.Shape);
        NNCheck.Close(NaivePool(x, pool, pool, stride, stride, top, left, oh, ow, max: true), mx.ToArray());
        NNCheck.Close(NaivePool(x, pool, pool, stride, stride, top, left, oh, ow, max: false), av.ToArray());
        var x32 = x.AsType(DType.Float32);
        NNCheck.Close(mx.ToArray(), F.MaxPool2D(x32, pool, stride, padding).ToArray(), 1e-6);
        NNCheck.Close(av.ToArray(), F.AveragePool2D(x32, pool, stride, padding).ToArray(), 1e-5);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void TiesSendTheGradientToTheFirstWinner(int channels)
    {
        // 4 channels of float64 take the vector path, 3 the argmax path: both pick the first maximum in the window.
        var x = Tensor.Zeros(1, 2, 2, channels).RequireGrad();
        F.MaxPool2D(x, 2).Sum().Backward();
        var g = x.Grad!.ToArray();
        for (int i = 0; i < g.Length; i++) Assert.Equal(i < channels ? 1.0 : 0.0, g[i]);
    }

    [Theory]
    [InlineData(DType.Float64, 4, 3, 2, "same", 2, 9, 11)]
    [InlineData(DType.Float64, 8, 2, 2, "valid", 2, 9, 11)]
    [InlineData(DType.Float32, 8, 3, 1, "same", 2, 9, 11)]
    [InlineData(DType.Float32, 16, 4, 3, "same", 2, 9, 11)]
    [InlineData(DType.Float32, 8, 4, 4, "same", 32, 46, 47)]   // big enough to split over threads
    public void VectorArgmaxMatchesTheScalarPathWithTiesAndNaN(DType dtype, int channels, int pool, int stride, string padding, int n, int h, int w)
    {
        // Few distinct values make many ties; one more channel sends the same data down the scalar argmax path.
        var rng = new System.Random(13);
        var data = new double[n * h * w * (channels + 1)];
        for (int i = 0; i < data.Length; i++) data[i] = rng.Next(4);
        data[37] = double.NaN;
        var wide = Tensor.FromArray(data, n, h, w, channels + 1).AsType(dtype);
        var x = wide[.., .., .., ..channels].Contiguous().RequireGrad();
        var xs = wide.Copy().RequireGrad();
        var y = F.MaxPool2D(x, pool, stride, padding);
        var ys = F.MaxPool2D(xs, pool, stride, padding);
        var expected = ys[.., .., .., ..channels].Contiguous();
        Assert.Equal(expected.ToArray(), y.ToArray());
        var gy = NNCheck.Rand(new System.Random(14), y.ShapeCopy()).AsType(dtype);
        y.Backward(gy);
        var gys = Tensor.Zeros(ys.ShapeCopy(), dtype);
        gys[.., .., .., ..channels] = gy;
        ys.Backward(gys);
        Assert.Equal(xs.Grad![.., .., .., ..channels].Contiguous().ToArray(), x.Grad!.ToArray());
    }

    [Fact]
    public void Float32VectorPathMatchesFloat64()
    {
        var x = NNCheck.Rand(new System.Random(9), 2, 9, 11, 16);
        var y64 = F.MaxPool2D(x, 3, 2, "same");
        var x32 = x.AsType(DType.Float32).RequireGrad();
        var y32 = F.MaxPool2D(x32, 3, 2, "same");
        NNCheck.Close(y64.ToArray(), y32.ToArray(), 1e-6);
        var x64 = x.RequireGrad();
        var gy = NNCheck.Rand(new System.Random(10), y64.ShapeCopy());
        F.MaxPool2D(x64, 3, 2, "same").Backward(gy);
        y32.Backward(gy.AsType(DType.Float32));
        NNCheck.Close(x64.Grad!.ToArray(), x32.Grad!.ToArray(), 1e-6);
    }

    [Fact]
    public void StridesDefaultToThePoolSize()
    {
        var x = Tensor.Arange(16).Reshape(1, 4, 4, 1);
        Assert.Equal(new double[] { 5, 7, 13, 15 }, F.MaxPool2D(x, 2).ToArray());
        Assert.Equal(new double[] { 2.5, 4.5, 10.5, 12.5 }, F.AveragePool2D(x, 2).ToArray());
    }

    [Theory]
    [InlineData(2, 5, 6, 2, 2, 2, "valid")]
    [InlineData(1, 5, 5, 3, 3, 2, "same")]
    [InlineData(2, 4, 5, 2, 3, 1, "same")]
    [InlineData(1, 7, 7, 1, 3, 3, "valid")]
    [InlineData(2, 5, 6, 4, 2, 2, "valid")]
    [InlineData(1, 5, 5, 8, 3, 2, "same")]
    public void GradientsMatchCentralDifferences(int n, int h, int w, int c, int pool, int stride, string padding)
    {
        var rng = new System.Random(2);
        NNCheck.Gradients(t => F.MaxPool2D(t[0], pool, stride, padding), [NNCheck.Rand(rng, n, h, w, c)]);
        NNCheck.Gradients(t => F.AveragePool2D(t[0], pool, stride, padding), [NNCheck.Rand(rng, n, h, w, c)]);
    }

    [Fact]
    public void GlobalPoolsReduceTheSpatialAxes()
    {
        var rng = new System.Random(3);
        var x = NNCheck.Rand(rng, 2, 3, 4, 5);
        var avg = F.GlobalAveragePool2D(x);
        var max = F.GlobalMaxPool2D(x, keepDims: true);
        Assert.Equal(new Shape(2, 5), avg.Shape);
        Assert.Equal(new Shape(2, 1, 1, 5), max.Shape);
        NNCheck.Close(F.AveragePool2D(x, (3, 4), null, "valid").ToArray(), avg.ToArray());
        NNCheck.Close(F.MaxPool2D(x, (3, 4), null, "valid").ToArray(), max.ToArray());
        NNCheck.Gradients(t => F.GlobalAveragePool2D(t[0]), [NNCheck.Rand(rng, 2, 3, 3, 2)]);
        NNCheck.Gradients(t => F.GlobalMaxPool2D(t[0]), [NNCheck.Rand(rng, 2, 3, 3, 2)]);
    }

    [Fact]
    public void ZeroPaddingPadsAndSlicesBack()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 1, 2, 2, 1);
        var y = F.ZeroPadding2D(x, 1, 0, 0, 2);
        Assert.Equal(new Shape(1, 3, 4, 1), y.Shape);
        Assert.Equal(new double[] { 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0 }, y.ToArray());
        NNCheck.Gradients(t => F.ZeroPadding2D(t[0], 2), [NNCheck.Rand(new System.Random(4), 2, 3, 2, 3)]);
    }

    [Fact]
    public void UpSamplingRepeatsPixels()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 1, 2, 2, 1);
        var y = F.UpSampling2D(x, (2, 3));
        Assert.Equal(new Shape(1, 4, 6, 1), y.Shape);
        Assert.Equal(new double[] { 1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4 }, y.ToArray());
        NNCheck.Gradients(t => F.UpSampling2D(t[0], 2), [NNCheck.Rand(new System.Random(5), 2, 2, 3, 2)]);
    }

    [Fact]
    public void BadArgumentsNameTheOp()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.MaxPool2D(Tensor.Zeros(1, 2, 2, 1), 3));
        Assert.Contains("max_pool2d", ex.Message);
        Assert.Throws<ArgumentException>(() => F.AveragePool2D(Tensor.Zeros(2, 2, 1), 2));
        Assert.Throws<ArgumentException>(() => F.ZeroPadding2D(Tensor.Zeros(1, 2, 2, 1), -1));
    }
}
