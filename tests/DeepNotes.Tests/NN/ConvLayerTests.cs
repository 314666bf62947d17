using DeepNotes;
using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

public class ConvLayerTests
{
    private static void ShapeAgrees(Layer layer, params int[] inputShape)
    {
        var x = NNCheck.Rand(new System.Random(1), [2, .. inputShape]);
        var y = layer.Call(x);
        Assert.Equal(layer.ComputeOutputShape(inputShape), y.Dims[1..]);
    }

    [Fact]
    public void OutputShapesMatchForward()
    {
        ShapeAgrees(new Conv2D(4, 3, padding: "same"), 7, 6, 2);
        ShapeAgrees(new Conv2D(4, (3, 2), (2, 1), "valid", dilationRate: (1, 2)), 9, 8, 3);
        ShapeAgrees(new Conv2DTranspose(3, 3, 2, "same"), 4, 5, 2);
        ShapeAgrees(new Conv2DTranspose(3, 2, 2, "valid"), 4, 5, 2);
        ShapeAgrees(new MaxPool2D(2), 7, 6, 3);
        ShapeAgrees(new MaxPool2D(3, 2, "same"), 7, 6, 3);
        ShapeAgrees(new AveragePool2D((2, 3)), 6, 6, 1);
        ShapeAgrees(new GlobalAveragePool2D(), 4, 4, 5);
        ShapeAgrees(new GlobalMaxPool2D(keepDims: true), 4, 4, 5);
        ShapeAgrees(new ZeroPadding2D(1, 2, 3, 0), 4, 4, 2);
        ShapeAgrees(new UpSampling2D((2, 3)), 3, 2, 2);
    }

    [Fact]
    public void UnknownSpatialSizesStayUnknown()
    {
        Assert.Equal(new[] { -1, -1, 8 }, new Conv2D(8, 3, padding: "same").ComputeOutputShape([-1, -1, 3]));
        Assert.Equal(new[] { -1, 16, 3 }, new MaxPool2D(2).ComputeOutputShape([-1, 32, 3]));
    }

    [Fact]
    public void SignsConvNetShapesAndParameterCounts()
    {
        var c1 = new Conv2D(8, 4, padding: "same", activation: "relu");
        var p1 = new MaxPool2D(8, 8, "same");
        var c2 = new Conv2D(16, 2, padding: "same", activation: "relu");
        var p2 = new MaxPool2D(4, 4, "same");
        var x = Tensor.Zeros([2, 64, 64, 3], DType.Float32);
        var y = p2.Call(c2.Call(p1.Call(c1.Call(x))));
        Assert.Equal(new Shape(2, 2, 2, 16), y.Shape);
        Assert.Equal(4 * 4 * 3 * 8 + 8, c1.Weights.Sum(w => w.Size));
        Assert.Equal(2 * 2 * 8 * 16 + 16, c2.Weights.Sum(w => w.Size));
        Assert.Equal(DType.Float32, c1.Kernel!.DType);
    }

    [Fact]
    public void Conv2DLayerGradients()
    {
        var layer = new Conv2D(3, 3, 2, "same", activation: "tanh");
        var x = NNCheck.Rand(new System.Random(2), 2, 5, 5, 2);
        layer.Build([5, 5, 2], DType.Float64);
        NNCheck.Gradients(t => layer.Call(t[0]), [x, layer.Kernel!.Value, layer.Bias!.Value]);
    }

    [Fact]
    public void Conv2DTransposeLayerGradients()
    {
        var layer = new Conv2DTranspose(2, 3, 2, "same");
        var x = NNCheck.Rand(new System.Random(3), 1, 3, 3, 2);
        layer.Build([3, 3, 2], DType.Float64);
        Assert.Equal(new Shape(3, 3, 2, 2), layer.Kernel!.Shape);
        NNCheck.Gradients(t => layer.Call(t[0]), [x, layer.Kernel!.Value, layer.Bias!.Value]);
    }

    [Fact]
    public void WrongChannelsNameTheLayer()
    {
        var layer = new Conv2D(4, 3, name: "conv_a");
        layer.Call(Tensor.Zeros(1, 5, 5, 3));
        var ex = Assert.Throws<ArgumentException>(() => layer.Call(Tensor.Zeros(1, 5, 5, 2)));
        Assert.Contains("conv_a", ex.Message);
        Assert.Contains("(None, 5, 5, 2)", ex.Message);
        Assert.Throws<ArgumentException>(() => new Conv2D(0, 3));
        Assert.Throws<ArgumentException>(() => new MaxPool2D(2).Call(Tensor.Zeros(1, 4, 4)));
    }
}
