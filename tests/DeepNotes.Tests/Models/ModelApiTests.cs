using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.NN.Init;
using DeepNotes.Optimizers;

namespace DeepNotes.Tests.Models;

public class ModelApiTests
{
    [Fact]
    public void FunctionalResidualModelWithSharedLayer()
    {
        var inputs = new Input(4);
        var shared = new Dense(4, "relu", kernelInitializer: new GlorotUniform(seed: 1));
        var h = shared.Call(inputs);
        var h2 = shared.Call(h);                       // the same layer twice
        var sum = new Add().Call(h2, inputs);          // residual connection
        var outputs = new Dense(2, kernelInitializer: new GlorotUniform(seed: 2)).Call(sum);
        var model = new Model(inputs, outputs);
        Assert.Equal([2], outputs.Shape);
        Assert.Equal(4, model.Layers.Count);           // input, dense (shared), add, dense
        Assert.Equal(4 * 4 + 4 + 4 * 2 + 2, model.CountParams());

        var x = Tensor.FromArray(new float[,] { { 1, 2, 3, 4 }, { -1, 0, 1, 2 } });
        var y = model.Call(x);
        var layers = model.Layers;
        var expected = layers[3].Call(layers[1].Call(layers[1].Call(x)) + x);
        Assert.Equal(expected.ToArray(), y.ToArray());
    }

    [Fact]
    public void FunctionalModelWithTwoInputsAndOutputsTrains()
    {
        var a = new Input(3);
        var b = new Input(2);
        var merged = new Concatenate().Call(a, b);
        var hidden = new Dense(8, "tanh", kernelInitializer: new GlorotUniform(seed: 4)).Call(merged);
        var out1 = new Dense(1, kernelInitializer: new GlorotUniform(seed: 5)).Call(hidden);
        var out2 = new Dense(1, kernelInitializer: new GlorotUniform(seed: 6)).Call(hidden);
        var model = new Model([a, b], [out1, out2]);
        var rng = new NumpyRandom(7);
        var xa = rng.Randn(64, 3).AsType(DType.Float32);
        var xb = rng.Randn(64, 2).AsType(DType.Float32);
        var y1 = xa.Sum(1, keepDims: true);
        var y2 = xb.Sum(1, keepDims: true) * 0.5;
        model.Compile(new Adam(0.02), "mse");
        var before = model.Evaluate([xa, xb], [y1, y2]).Loss;
        var h = model.Fit([xa, xb], [y1, y2], epochs: 60, batchSize: 16, verbose: 0, seed: 1);
        Assert.True(h["loss"][^1] < before * 0.2, $"loss {before} → {h["loss"][^1]}");
        var preds = model.PredictMulti([xa, xb]);
        Assert.Equal(2, preds.Count);
        Assert.Equal([64, 1], preds[1].Shape.ToArray());
        var ex = Assert.Throws<ArgumentException>(() => model.Fit([xa], [y1, y2], verbose: 0));
        Assert.Contains("2 input(s)", ex.Message);
    }

    [Fact]
    public void DisconnectedGraphIsRejected()
    {
        var a = new Input(3);
        var b = new Input(3);
        var y = new Add().Call(a, b);
        var ex = Assert.Throws<ArgumentException>(() => new Model(a, y));
        Assert.Contains("disconnected", ex.Message);
    }

    private sealed class TwoLayerNet : Model
    {
        private readonly Dense hidden = new(16, "relu", kernelInitializer: new HeNormal(seed: 1));
        private readonly Dense output = new(1, "sigmoid", kernelInitializer: new GlorotUniform(seed: 2));

        public override Tensor Forward(Tensor x) => output.Call(hidden.Call(x));
    }

    [Fact]
    public void SubclassedModelDiscoversLayersAndTrains()
    {
        var (x, y) = TrainingTests.Spiral(40, 1);
        var model = new TwoLayerNet();
        model.Compile("adam", "binary_crossentropy", ["accuracy"]);
        var h = model.Fit(x, y, epochs: 5, batchSize: 16, verbose: 0);
        Assert.Equal(2, model.Layers.Count);
        Assert.Equal(2 * 16 + 16 + 16 + 1, model.CountParams());
        Assert.True(h["loss"][^1] < h["loss"][0]);
        var s = model.Summary();
        Assert.Equal([16], s.Layers[0].OutputShape![0]);
    }

    [Fact]
    public void SummaryCountsParamsLikeKeras()
    {
        var model = new Sequential([
            new Dense(32, "relu"),
            new BatchNormalization(),
            new Dropout(0.5),
            new Dense(10, "softmax"),
        ], inputShape: [784]);
        var s = model.Summary();
        Assert.Equal(784 * 32 + 32 + 4 * 32 + 32 * 10 + 10, s.TotalParams);
        Assert.Equal(64, s.NonTrainableParams);
        Assert.Equal(s.TotalParams - 64, s.TrainableParams);
        Assert.Equal(("Dense", "(None, 32)", 784 * 32 + 32), s.LayerList[0]);
        Assert.Equal(("BatchNormalization", "(None, 32)", 128), s.LayerList[1]);
        Assert.Equal(("Dropout", "(None, 32)", 0), s.LayerList[2]);
        Assert.Equal(("Dense", "(None, 10)", 330), s.LayerList[3]);
        var text = s.ToString();
        Assert.Contains($"Total params: {s.TotalParams:N0}", text);
        Assert.Contains("Non-trainable params: 64", text);
        Assert.Contains("(None, 10)", text);

        var inputs = new Input(8);
        var outs = new Dense(3).Call(new Dense(4).Call(inputs));
        var fs = new Model(inputs, outs).Summary();
        Assert.Equal("InputLayer", fs.Layers[0].Type);
        Assert.Equal("(None, 8)", fs.Layers[0].OutputShapeText);
        Assert.Equal(36 + 15, fs.TotalParams);
        Assert.Contains("Connected to", fs.ToString());
    }

    [Fact]
    public void FreezingShowsAsNonTrainable()
    {
        var model = new Sequential([new Dense(4), new Dense(2)], inputShape: [3]);
        model.Layers[0].Trainable = false;
        var s = model.Summary();
        Assert.Equal(16, s.NonTrainableParams);
        Assert.Equal(10, s.TrainableParams);
        var before = model.Layers[0].Weights[0].Value.ToArray();
        model.Compile(new SGD(0.1), "mse");
        model.Fit(Tensor.Ones([8, 3], DType.Float32), Tensor.Zeros([8, 2], DType.Float32), epochs: 2, verbose: 0);
        Assert.Equal(before, model.Layers[0].Weights[0].Value.ToArray());
    }

    [Fact]
    public void ValidationSplitCustomLossAndLayerWeights()
    {
        var (x, y) = TrainingTests.Spiral(50, 4);
        var model = new Sequential([new Dense(8, "tanh"), new Dense(1, "sigmoid")], inputShape: [2]);
        // A loss written as a function, as in the course's triplet_loss(y_true, y_pred).
        model.Compile(new Adam(0.01), (Func<Tensor, Tensor, Tensor>)((t, p) => ((t - p) * (t - p)).Mean()), ["accuracy"]);
        var h = model.Fit(x, y, epochs: 3, batchSize: 16, validationSplit: 0.2, verbose: 0);
        Assert.Equal(3, h["val_loss"].Count);
        Assert.Equal(3, h["val_accuracy"].Count);
        Assert.Throws<ArgumentException>(() => model.Fit(x, y, validationSplit: 1.5, verbose: 0));

        var dense = model.Layers[0];
        var weights = dense.GetWeights();
        Assert.Equal([2, 8], weights[0].Shape.ToArray());
        dense.SetWeights([Tensor.Ones([2, 8], DType.Float32), Tensor.Zeros([8], DType.Float32)]);
        Assert.All(dense.Weights[0].Value.ToArray(), v => Assert.Equal(1.0, v));
        var ex = Assert.Throws<ArgumentException>(() => dense.SetWeights([Tensor.Ones([3, 8]), Tensor.Zeros([8])]));
        Assert.Contains("(2, 8)", ex.Message);
    }

    [Fact]
    public void FrozenBaseModelNestedInAnotherModel()
    {
        // Transfer learning: a pretrained functional "base" frozen inside a new model with its own head.
        var baseIn = new Input(4);
        var baseOut = new BatchNormalization().Call(new Dense(6, "relu").Call(baseIn));
        var baseModel = new Model(baseIn, baseOut, name: "base");
        baseModel.Trainable = false;
        var inputs = new Input(4);
        var features = baseModel.Call(inputs);
        var outputs = new Dense(1, "sigmoid").Call(features);
        var model = new Model(inputs, outputs);
        Assert.Equal([6], features.Shape);
        var s = model.Summary();
        Assert.Equal(("Model", "(None, 6)", 4 * 6 + 6 + 4 * 6), s.LayerList[1]);
        Assert.Equal(7, s.TrainableParams);
        var bn = (BatchNormalization)baseModel.Layers[2];
        var frozen = baseModel.GetWeights();
        var rng = new NumpyRandom(3);
        var x = rng.Randn(32, 4).AsType(DType.Float32);
        var y = (x.Sum(1, keepDims: true) > 0.0).AsType(DType.Float32);
        model.Compile(new Adam(0.01), "binary_crossentropy");
        model.Fit(x, y, epochs: 2, batchSize: 8, verbose: 0);
        var after = baseModel.GetWeights();
        for (int i = 0; i < frozen.Count; i++) Assert.Equal(frozen[i].ToArray(), after[i].ToArray());
        Assert.All(bn.MovingMean!.Value.ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void SymbolicArithmeticRecordsMergeLayers()
    {
        var a = new Input(3);
        var b = new Input(3);
        var y = a + b * a - b;
        var model = new Model([a, b], [y]);
        var types = model.Layers.Select(l => l.GetType().Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(["Add", "InputLayer", "InputLayer", "Multiply", "Subtract"], types);
        var x1 = Tensor.FromArray(new float[,] { { 1, 2, 3 } });
        var x2 = Tensor.FromArray(new float[,] { { 4, 5, 6 } });
        var outs = model.PredictMulti([x1, x2]);
        Assert.Equal(new double[] { 1 + 4 - 4, 2 + 10 - 5, 3 + 18 - 6 }, outs[0].ToArray());
    }
}
