using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepNotes.Interactive.Progress;

/// <summary>
/// A live progress bar for training loops: in a notebook cell it is one display that updates in place
/// (DisplayedValue.Update); elsewhere (the runner's console, tests) it writes a text bar line by line.
/// <c>var p = TrainingProgress.Start(epochs); … p.Report(epoch, cost, accuracy);</c>
/// </summary>
public sealed class TrainingProgress
{
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private readonly DisplayedValue? display;
    private readonly TextWriter? console;
    private readonly int reportEvery;

    private TrainingProgress(int epochs, TextWriter? console, int reportEvery)
    {
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), $"TrainingProgress: epochs must be positive, got {epochs}");
        Epochs = epochs;
        this.reportEvery = Math.Max(1, reportEvery);
        Current = new ProgressState(0, epochs, null, null, 0);
        if (console is null && KernelInvocationContext.Current is { } context)
            display = KernelInvocationContextExtensions.Display(context, new HtmlProgress(Current), "text/html");
        else
            this.console = console ?? Console.Out;
    }

    public int Epochs { get; }
    public ProgressState Current { get; private set; }

    /// <summary>Starts a bar: in a kernel cell it displays and updates; otherwise it writes text to <paramref name="console"/> (stdout by default).</summary>
    public static TrainingProgress Start(int epochs, TextWriter? console = null, int reportEvery = 1) => new(epochs, console, reportEvery);

    /// <summary>Records the end of an epoch (1-based) with its cost and optional accuracy.</summary>
    public void Report(int epoch, double? cost = null, double? accuracy = null)
    {
        Current = new ProgressState(Math.Clamp(epoch, 0, Epochs), Epochs, cost, accuracy, watch.Elapsed.TotalSeconds);
        if (display is not null)
        {
            display.Update(new HtmlProgress(Current));
            return;
        }
        if (epoch % reportEvery == 0 || epoch >= Epochs) console!.WriteLine(ProgressView.ToText(Current));
    }

    /// <summary>The display value; its formatter (registered by the extension) renders <see cref="ProgressView.ToHtml"/>.</summary>
    public sealed record HtmlProgress(ProgressState State)
    {
        public override string ToString() => ProgressView.ToText(State);
    }
}
