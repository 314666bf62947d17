namespace DeepNotes.Models;

/// <summary>What a training run is about to do (for progress displays).</summary>
public sealed record TrainingStart(string ModelName, int Epochs, int StepsPerEpoch, int Samples, int BatchSize, IReadOnlyList<string> MetricNames);

/// <summary>Progress after a batch: running averages over the epoch so far.</summary>
public sealed record BatchProgress(int Epoch, int Epochs, int Batch, int Batches, IReadOnlyDictionary<string, double> Logs);

/// <summary>The results of an epoch: training loss/metrics and "val_" entries when validating.</summary>
public sealed record EpochResult(int Epoch, int Epochs, IReadOnlyDictionary<string, double> Logs, TimeSpan Elapsed);

/// <summary>
/// Receives training progress (Keras callbacks' progress part). The notebook extension renders it as a live bar by
/// setting <see cref="Model.DefaultObserverFactory"/>; the console gets <see cref="ConsoleProgressBar"/>.
/// Epochs and batches are 0-based.
/// </summary>
public interface ITrainingObserver
{
    void OnTrainBegin(TrainingStart start);
    void OnEpochBegin(int epoch);
    void OnBatchEnd(BatchProgress progress);
    void OnEpochEnd(EpochResult result);
    void OnTrainEnd(History history);
}

/// <summary>
/// A Keras-style callback: override the hooks you need. <see cref="Model"/> is set before training starts;
/// set <c>Model.StopTraining = true</c> to end after the current epoch.
/// </summary>
public abstract class Callback : ITrainingObserver
{
    /// <summary>The model being trained.</summary>
    public Model? Model { get; internal set; }

    public virtual void OnTrainBegin(TrainingStart start) { }
    public virtual void OnEpochBegin(int epoch) { }
    public virtual void OnBatchEnd(BatchProgress progress) { }
    public virtual void OnEpochEnd(EpochResult result) { }
    public virtual void OnTrainEnd(History history) { }
}

/// <summary>
/// Stops training when a monitored value stops improving (Keras EarlyStopping): after <c>patience</c> epochs
/// without an improvement larger than <c>minDelta</c>. With <c>restoreBestWeights</c> the weights of the best
/// epoch are put back at the end.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private double best;
    private int wait;
    private IReadOnlyList<Tensor>? bestWeights;

    public EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, string mode = "auto", bool restoreBestWeights = false, double? baseline = null)
    {
        if (patience < 0) throw new ArgumentException($"EarlyStopping: patience must be ≥ 0, got {patience}");
        Monitor = monitor;
        Patience = patience;
        MinDelta = Math.Abs(minDelta);
        Maximize = mode switch
        {
            "max" => true,
            "min" => false,
            "auto" => monitor.Contains("acc") || monitor.Contains("precision") || monitor.Contains("recall") || monitor.Contains("f1"),
            _ => throw new ArgumentException($"EarlyStopping: mode must be auto, min or max, got '{mode}'"),
        };
        RestoreBestWeights = restoreBestWeights;
        Baseline = baseline;
    }

    public string Monitor { get; }
    public int Patience { get; }
    public double MinDelta { get; }
    public bool Maximize { get; }
    public bool RestoreBestWeights { get; }
    public double? Baseline { get; }

    /// <summary>The epoch at which training was stopped (0-based), or null.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>The best epoch seen (0-based), or null.</summary>
    public int? BestEpoch { get; private set; }

    public override void OnTrainBegin(TrainingStart start)
    {
        best = Baseline ?? (Maximize ? double.NegativeInfinity : double.PositiveInfinity);
        wait = 0;
        bestWeights = null;
        StoppedEpoch = null;
        BestEpoch = null;
    }

    public override void OnEpochEnd(EpochResult result)
    {
        if (!result.Logs.TryGetValue(Monitor, out double value))
            throw new InvalidOperationException($"EarlyStopping: no value named '{Monitor}' (available: {string.Join(", ", result.Logs.Keys)}); pass validation data to monitor val_ values");
        bool improved = Maximize ? value > best + MinDelta : value < best - MinDelta;
        if (improved || (BestEpoch is null && Baseline is null))
        {
            best = value;
            BestEpoch = result.Epoch;
            wait = 0;
            if (RestoreBestWeights) bestWeights = Model!.GetWeights();
            return;
        }
        wait++;
        if (wait > Patience)
        {
            StoppedEpoch = result.Epoch;
            Model!.StopTraining = true;
        }
    }

    public override void OnTrainEnd(History history)
    {
        if (RestoreBestWeights && bestWeights is not null) Model!.SetWeights(bestWeights);
    }
}

/// <summary>
/// A text progress bar for the console (Keras verbose=1 style), one line per epoch. On an interactive console the
/// line is redrawn in place while the epoch runs; when output is redirected (or a writer is given) only the
/// finished line of each epoch is written.
/// </summary>
public sealed class ConsoleProgressBar(TextWriter? writer = null, int width = 30) : ITrainingObserver
{
    private readonly TextWriter output = writer ?? Console.Out;
    private readonly bool redraw = writer is null && !Console.IsOutputRedirected;
    private int epochs;
    private int steps;
    private DateTime started;
    private int lastLength;

    public void OnTrainBegin(TrainingStart start)
    {
        epochs = start.Epochs;
        steps = start.StepsPerEpoch;
    }

    public void OnEpochBegin(int epoch)
    {
        output.WriteLine($"Epoch {epoch + 1}/{epochs}");
        started = DateTime.UtcNow;
        lastLength = 0;
    }

    public void OnBatchEnd(BatchProgress p)
    {
        if (!redraw) return;
        // Redraw at most ~30 times per epoch to keep console output cheap.
        int every = Math.Max(1, p.Batches / 30);
        if ((p.Batch + 1) % every != 0 || p.Batch + 1 == p.Batches) return;
        Draw(p.Batch + 1, p.Batches, p.Logs, DateTime.UtcNow - started, final: false);
    }

    public void OnEpochEnd(EpochResult r) => Draw(steps, steps, r.Logs, r.Elapsed, final: true);

    public void OnTrainEnd(History history) { }

    private void Draw(int done, int total, IReadOnlyDictionary<string, double> logs, TimeSpan elapsed, bool final)
    {
        int filled = total == 0 ? width : (int)((long)width * done / total);
        string bar = done < total
            ? new string('=', Math.Max(0, filled - 1)) + ">" + new string('.', width - Math.Max(1, filled))
            : new string('=', width);
        string metrics = string.Join(" - ", logs.Select(kv => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kv.Key}: {kv.Value:F4}")));
        string line = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{done}/{total} [{bar}] {elapsed.TotalSeconds:F1}s - {metrics}");
        string pad = line.Length < lastLength ? new string(' ', lastLength - line.Length) : "";
        output.Write((redraw ? "\r" : "") + line + pad);
        lastLength = line.Length;
        if (final) output.WriteLine();
        output.Flush();
    }
}
