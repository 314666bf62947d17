using System.Diagnostics;
using DeepNotes.Models;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepNotes.Interactive.Progress;

/// <summary>
/// Model.Fit's progress in a notebook: one display per Fit that updates in place with the epoch, the running
/// cost (loss) and accuracy. Batch updates are throttled so a fast epoch does not flood the front end.
/// </summary>
public sealed class NotebookTrainingObserver(KernelInvocationContext context) : ITrainingObserver
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(150);
    private readonly Stopwatch watch = new();
    private DisplayedValue? display;
    private TimeSpan lastUpdate = -MinInterval;
    private int epochs;

    /// <summary>Installs the observer as Fit's default while a kernel command runs (the console bar otherwise).</summary>
    public static void Install() =>
        Model.DefaultObserverFactory = _ => KernelInvocationContext.Current is { } context ? new NotebookTrainingObserver(context) : null;

    public void OnTrainBegin(TrainingStart start)
    {
        epochs = start.Epochs;
        watch.Restart();
        display = KernelInvocationContextExtensions.Display(context, new TrainingProgress.HtmlProgress(new ProgressState(0, epochs, null, null, 0)), "text/html", "text/plain");
    }

    public void OnEpochBegin(int epoch) { }

    public void OnBatchEnd(BatchProgress p)
    {
        if (watch.Elapsed - lastUpdate < MinInterval) return;
        Show(p.Epoch, p.Epochs, (p.Batch + 1) / (double)Math.Max(1, p.Batches), p.Logs);
    }

    public void OnEpochEnd(EpochResult r) => Show(r.Epoch, r.Epochs, 1.0, r.Logs, force: true);

    public void OnTrainEnd(History history) { }

    private void Show(int epoch, int total, double withinEpoch, IReadOnlyDictionary<string, double> logs, bool force = false)
    {
        if (display is null || (!force && watch.Elapsed - lastUpdate < MinInterval)) return;
        lastUpdate = watch.Elapsed;
        double? cost = logs.TryGetValue("loss", out var l) ? l : null;
        double? accuracy = logs.TryGetValue("accuracy", out var a) ? a : logs.TryGetValue("acc", out var a2) ? a2 : null;
        var state = new ProgressState(epoch + 1, total, cost, accuracy, watch.Elapsed.TotalSeconds) { EpochFraction = withinEpoch };
        display.Update(new TrainingProgress.HtmlProgress(state));
    }
}
