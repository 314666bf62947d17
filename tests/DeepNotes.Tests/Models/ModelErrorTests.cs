using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.NN.Init;
using DeepNotes.Optimizers;

namespace DeepNotes.Tests.Models;

public class ModelErrorTests
{
    [Fact]
    public void WrongInputShapeNamesTheLayerAndShapes()
    {
        var inputs = new Input(64, 64, 3);
        var outputs = new Dense(2).Call(new Flatten().Call(inputs));
        var model = new Model(inputs, outputs);
        var ex = Assert.Throws<ArgumentException>(() => model.Predict(Tensor.Zeros([2, 32, 32, 3], DType.Float32)));
        Assert.Contains(inputs.Layer.Name, ex.Message);
        Assert.Contains("(None, 64, 64, 3)", ex.Message);
        Assert.Contains("(None, 32, 32, 3)", ex.Message);

        var seq = new Sequential([new Dense(3)], inputShape: [4]);
        ex = Assert.Throws<ArgumentException>(() => seq.Predict(Tensor.Zeros([2, 5], DType.Float32)));
        Assert.Contains("(None, 4)", ex.Message);
    }

    [Fact]
    public void WrongLabelsAreReported()
    {
        var model = new Sequential([new Dense(1, "sigmoid")], inputShape: [2]);
        model.Compile("sgd", "binary_crossentropy");
        var x = Tensor.Zeros([10, 2], DType.Float32);
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(x, Tensor.Zeros([9, 1]), verbose: 0));
        Assert.Contains("(9, 1)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => model.Fit(x, Tensor.Zeros([10, 3]), verbose: 0));
        Assert.Contains("(10, 3)", ex.Message);
        Assert.Contains("(10, 1)", ex.Message);
        Assert.Throws<InvalidOperationException>(() => new Sequential([new Dense(1)]).Fit(x, x, verbose: 0));
    }

    [Fact]
    public void NaNLossStopsFitWithEpochAndBatch()
    {
        var model = new Sequential([new Dense(1)], inputShape: [2]);
        model.Compile(new SGD(0.1), "mse");
        var x = Tensor.Ones([8, 2], DType.Float32);
        x.SetValue(double.NaN, 5, 1);
        var ex = Assert.Throws<InvalidOperationException>(() => model.Fit(x, Tensor.Zeros([8, 1]), epochs: 2, batchSize: 4, shuffle: false, verbose: 0));
        Assert.Contains("NaN", ex.Message);
        Assert.Contains("epoch 1", ex.Message);
        Assert.Contains("batch 2 of 2", ex.Message);
    }

    [Fact]
    public void EarlyStoppingRestoresBestWeights()
    {
        var (x, y) = TrainingTests.Spiral(30, 2);
        var model = new Sequential([new Dense(8, "relu", kernelInitializer: new HeNormal(seed: 3)), new Dense(1, "sigmoid", kernelInitializer: new GlorotUniform(seed: 4))], inputShape: [2]);
        // A huge learning rate makes the validation loss bounce, so patience runs out.
        model.Compile(new SGD(5.0), "binary_crossentropy");
        var stop = new EarlyStopping("val_loss", patience: 2, restoreBestWeights: true);
        var h = model.Fit(x, y, epochs: 50, batchSize: 8, validationData: (x, y), callbacks: [stop], verbose: 0, seed: 1);
        Assert.NotNull(stop.StoppedEpoch);
        Assert.True(h.Epochs.Count < 50);
        Assert.Equal(stop.StoppedEpoch!.Value + 1, h["val_loss"].Count);
        double best = h["val_loss"].Min();
        Assert.Equal(best, model.Evaluate(x, y).Loss, 4);
    }

    private sealed class Recorder : ITrainingObserver
    {
        public readonly List<string> Events = [];
        public void OnTrainBegin(TrainingStart start) => Events.Add($"begin {start.Epochs}x{start.StepsPerEpoch}");
        public void OnEpochBegin(int epoch) => Events.Add($"epoch {epoch}");
        public void OnBatchEnd(BatchProgress p) => Events.Add($"batch {p.Batch}/{p.Batches} {p.Logs.ContainsKey("loss")}");
        public void OnEpochEnd(EpochResult r) => Events.Add($"end {r.Epoch} {string.Join(",", r.Logs.Keys)}");
        public void OnTrainEnd(History history) => Events.Add("done");
    }

    [Fact]
    public void ObserverFactoryAndConsoleBarReceiveProgress()
    {
        var model = new Sequential([new Dense(1, "sigmoid")], inputShape: [2]);
        model.Compile("adam", "binary_crossentropy", ["accuracy"]);
        var x = Tensor.Ones([10, 2], DType.Float32);
        var y = Tensor.Ones([10, 1], DType.Float32);
        var recorder = new Recorder();
        var previous = Model.DefaultObserverFactory;
        try
        {
            Model.DefaultObserverFactory = _ => recorder;
            model.Fit(x, y, epochs: 2, batchSize: 4);
        }
        finally
        {
            Model.DefaultObserverFactory = previous;
        }
        Assert.Equal(["begin 2x3", "epoch 0", "batch 0/3 True", "batch 1/3 True", "batch 2/3 True", "end 0 loss,accuracy",
            "epoch 1", "batch 0/3 True", "batch 1/3 True", "batch 2/3 True", "end 1 loss,accuracy", "done"], recorder.Events);

        var text = new StringWriter();
        var bar = new ConsoleProgressBar(text);
        model.Fit(x, y, epochs: 1, batchSize: 5, verbose: 0, callbacks: [new ObserverCallback(bar)]);
        Assert.Contains("Epoch 1/1", text.ToString());
        Assert.Contains("accuracy:", text.ToString());
    }

    private sealed class ObserverCallback(ITrainingObserver inner) : Callback
    {
        public override void OnTrainBegin(TrainingStart start) => inner.OnTrainBegin(start);
        public override void OnEpochBegin(int epoch) => inner.OnEpochBegin(epoch);
        public override void OnBatchEnd(BatchProgress progress) => inner.OnBatchEnd(progress);
        public override void OnEpochEnd(EpochResult result) => inner.OnEpochEnd(result);
    }
}
