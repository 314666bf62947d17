namespace DeepNotes.Models;

/// <summary>
/// Saves the model's weights after each epoch (Keras ModelCheckpoint), or only when the monitored value improves
/// with <c>saveBestOnly</c>. The path may contain "{epoch}" (1-based).
/// </summary>
public sealed class ModelCheckpoint(string path, string monitor = "val_loss", bool saveBestOnly = false, string mode = "auto") : Callback
{
    private double best;

    public string Path { get; } = path;
    public string Monitor { get; } = monitor;
    public bool SaveBestOnly { get; } = saveBestOnly;

    private bool Maximize => mode switch
    {
        "max" => true,
        "min" => false,
        "auto" => Monitor.Contains("acc") || Monitor.Contains("precision") || Monitor.Contains("recall"),
        _ => throw new ArgumentException($"ModelCheckpoint: mode must be auto, min or max, got '{mode}'"),
    };

    public override void OnTrainBegin(TrainingStart start) => best = Maximize ? double.NegativeInfinity : double.PositiveInfinity;

    public override void OnEpochEnd(EpochResult result)
    {
        if (SaveBestOnly)
        {
            if (!result.Logs.TryGetValue(Monitor, out double value))
                throw new InvalidOperationException($"ModelCheckpoint: no value named '{Monitor}' (available: {string.Join(", ", result.Logs.Keys)})");
            if (Maximize ? !(value > best) : !(value < best)) return;
            best = value;
        }
        Model!.SaveWeights(Path.Replace("{epoch}", (result.Epoch + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

/// <summary>Sets the optimizer's learning rate at the start of each epoch from a function (epoch, current lr) → lr (Keras LearningRateScheduler).</summary>
public sealed class LearningRateScheduler(Func<int, double, double> schedule) : Callback
{
    public override void OnEpochBegin(int epoch)
    {
        var optimizer = Model!.Optimizer ?? throw new InvalidOperationException("LearningRateScheduler: the model is not compiled");
        optimizer.LearningRate = schedule(epoch, optimizer.LearningRate);
    }
}
