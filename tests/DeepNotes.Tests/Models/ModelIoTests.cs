using DeepNotes.Models;
using DeepNotes.NN;
using DeepNotes.NN.Init;
using DeepNotes.Optimizers;

namespace DeepNotes.Tests.Models;

public class ModelIoTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "deepnotes-tests-" + Guid.NewGuid().ToString("N"));

    public ModelIoTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static Sequential MakeModel(int seed) => new([
        new Dense(16, "relu", kernelInitializer: new GlorotUniform(seed: seed)),
        new BatchNormalization(),
        new Dense(3, "softmax", kernelInitializer: new GlorotUniform(seed: seed + 1)),
    ], inputShape: [5]);

    [Fact]
    public void SaveLoadRoundTripIsBitExact()
    {
        var rng = new NumpyRandom(1);
        var x = rng.Randn(40, 5).AsType(DType.Float32);
        var y = Tensor.FromArray(Enumerable.Range(0, 40).Select(i => (double)(i % 3)).ToArray());
        var model = MakeModel(1);
        model.Compile(new Adam(0.01), "sparse_categorical_crossentropy", ["accuracy"]);
        model.Fit(x, y, epochs: 3, batchSize: 8, verbose: 0);
        var path = Path.Combine(dir, "sub", "model.weights");
        model.SaveWeights(path);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "sub"), "*.tmp-*"));

        var other = MakeModel(42);
        Assert.NotEqual(model.Predict(x).ToFloatArray(), other.Predict(x).ToFloatArray());
        other.LoadWeights(path);
        Assert.Equal(model.Predict(x).ToFloatArray(), other.Predict(x).ToFloatArray());
        // Moving statistics are saved too.
        var bn = (BatchNormalization)other.Layers[1];
        Assert.Equal(((BatchNormalization)model.Layers[1]).MovingMean!.Value.ToArray(), bn.MovingMean!.Value.ToArray());
        // Overwriting an existing file works (atomic replace).
        other.SaveWeights(path);
        model.LoadWeights(path);
    }

    [Fact]
    public void BadFilesGiveClearErrors()
    {
        var model = MakeModel(1);
        var path = Path.Combine(dir, "w.bin");
        model.SaveWeights(path);
        var bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("truncated", ex.Message);

        var corrupt = (byte[])bytes.Clone();
        corrupt[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, corrupt);
        ex = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains("checksum", ex.Message);

        File.WriteAllText(path, "{\"not\": \"weights\"}");
        ex = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains("magic", ex.Message);

        File.WriteAllBytes(path, bytes);
        var different = new Sequential([new Dense(16), new Dense(3)], inputShape: [5]);
        ex = Assert.Throws<InvalidDataException>(() => different.LoadWeights(path));
        Assert.Contains("same architecture", ex.Message);
        var wider = new Sequential([new Dense(17), new BatchNormalization(), new Dense(3)], inputShape: [5]);
        ex = Assert.Throws<InvalidDataException>(() => wider.LoadWeights(path));
        Assert.Contains("(5, 16)", ex.Message);
        Assert.Throws<FileNotFoundException>(() => model.LoadWeights(Path.Combine(dir, "missing.bin")));
    }

    [Fact]
    public void CheckpointAndLearningRateSchedulerCallbacks()
    {
        var rng = new NumpyRandom(2);
        var x = rng.Randn(16, 5).AsType(DType.Float32);
        var y = Tensor.FromArray(Enumerable.Range(0, 16).Select(i => (double)(i % 3)).ToArray());
        var model = MakeModel(3);
        var opt = new SGD(0.1);
        model.Compile(opt, "sparse_categorical_crossentropy");
        var rates = new List<double>();
        var scheduler = new LearningRateScheduler((epoch, lr) => { rates.Add(lr); return 0.1 / (1 + epoch); });
        var checkpoint = new ModelCheckpoint(Path.Combine(dir, "ckpt-{epoch}.bin"));
        model.Fit(x, y, epochs: 3, batchSize: 8, callbacks: [scheduler, checkpoint], verbose: 0);
        Assert.Equal([0.1, 0.1, 0.05], rates);
        Assert.Equal(0.1 / 3, opt.LearningRate, 12);
        Assert.True(File.Exists(Path.Combine(dir, "ckpt-1.bin")));
        Assert.True(File.Exists(Path.Combine(dir, "ckpt-3.bin")));
        var restored = MakeModel(9);
        restored.LoadWeights(Path.Combine(dir, "ckpt-3.bin"));
        Assert.Equal(model.Predict(x).ToFloatArray(), restored.Predict(x).ToFloatArray());
    }
}
