using DeepNotes.NN;

namespace DeepNotes.Tests.NN;

public class LayerBaseTests
{
    // A minimal layer written against the contract: y = x * scale (per feature).
    private sealed class Scale : Layer
    {
        public Parameter? W;
        protected override void OnBuild(int[] inputShape) => W = AddWeight("scale", [inputShape[^1]], new DeepNotes.NN.Init.Constant(2));
        public override Tensor Forward(Tensor x) => x * W!;
    }

    [Fact]
    public void BuildsLazilyFromFirstInputWithItsDType()
    {
        var layer = new Scale();
        Assert.False(layer.Built);
        var y = layer.Call(Tensor.Ones([4, 3], DType.Float64));
        Assert.True(layer.Built);
        Assert.Equal(DType.Float64, layer.DType);
        Assert.Equal([3], layer.InputShape!);
        Assert.Equal(new double[] { 2, 2, 2 }, y.ToArray()[..3]);
        Assert.Single(layer.Parameters());
        Assert.Equal(3, layer.CountParams());
    }

    [Fact]
    public void WrongInputShapeNamesLayerAndShapes()
    {
        var layer = new Scale(); 
        layer.Call(Tensor.Ones([4, 3]));
        var ex = Assert.Throws<ArgumentException>(() => layer.Call(Tensor.Ones([4, 5])));
        Assert.Contains(layer.Name, ex.Message);
        Assert.Contains("(None, 3)", ex.Message);
        Assert.Contains("(None, 5)", ex.Message);
    }

    [Fact]
    public void NamesAreUniqueKerasStyle()
    {
        Assert.Equal("batch_normalization", LayerNames.ToSnakeCase("BatchNormalization"));
        Assert.Equal("conv2d", LayerNames.ToSnakeCase("Conv2D"));
        Assert.Equal("max_pooling2d", LayerNames.ToSnakeCase("MaxPooling2D"));
        var a = new Scale();
        var b = new Scale();
        Assert.NotEqual(a.Name, b.Name);
    }

    [Fact]
    public void SymbolicCallInfersShapeByDryRun()
    {
        var input = new Input(5);
        var layer = new Scale();
        var y = layer.Call(input);
        Assert.Equal([5], y.Shape);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Same(layer, y.Producer!.Layer);
        Assert.Same(input, y.Producer.Inputs[0]);
    }

    [Fact]
    public void FreezingStopsGradients()
    {
        var layer = new Scale();
        layer.Call(Tensor.Ones([2, 3]));
        layer.Trainable = false;
        Assert.Empty(layer.TrainableWeights);
        Assert.Single(layer.NonTrainableWeights);
        Assert.False(layer.W!.Value.RequiresGrad);
        layer.Trainable = true;
        Assert.True(layer.W!.Value.RequiresGrad);
    }

    private sealed class Holder : Module
    {
        private readonly Scale first = new();
        public Scale Second { get; } = new();
        public Holder()
        {
            first.Build([2], DType.Float64);
            Second.Build([2], DType.Float64);
        }
    }

    [Fact]
    public void DiscoversFieldModules()
    {
        var h = new Holder();
        Assert.Equal(2, h.Children().Count());
        Assert.Equal(2, h.Parameters().Count());
        Assert.All(h.NamedParameters(), p => Assert.EndsWith("/scale", p.Name));
        h.Eval();
        Assert.All(h.Modules(), m => Assert.False(m.Training));
    }
}
