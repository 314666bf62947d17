using System.Globalization;
using System.Text;

namespace DeepNotes.Interactive.Progress;

/// <summary>One progress state: epoch i of n, the latest cost and (optionally) accuracy, seconds elapsed.</summary>
public sealed record ProgressState(int Epoch, int Epochs, double? Cost, double? Accuracy, double ElapsedSeconds)
{
    /// <summary>How far into the current epoch (1 when it is complete); bars fill smoothly within an epoch.</summary>
    public double EpochFraction { get; init; } = 1;

    public double Fraction => Epochs <= 0 ? 1 : Math.Clamp((Epoch - 1 + EpochFraction) / Epochs, 0, 1);
}

/// <summary>Pure renderers of a <see cref="ProgressState"/>: an HTML bar for notebooks and a Keras-like text bar for consoles.</summary>
public static class ProgressView
{
    public static string ToHtml(ProgressState s)
    {
        var pct = (s.Fraction * 100).ToString("0.#", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("<div class=\"dn-progress\" style=\"font-family:ui-monospace,monospace;font-size:12px\">")
          .Append("<div style=\"display:inline-block;width:240px;height:10px;background:#eee;border-radius:5px;vertical-align:middle;overflow:hidden\">")
          .Append("<div style=\"width:").Append(pct).Append("%;height:100%;background:").Append(s.Epoch >= s.Epochs ? "#1a7f37" : "#2f80ed").Append("\"></div></div> ")
          .Append(Html(Metrics(s))).Append("</div>");
        return sb.ToString();
    }

    /// <summary>"epoch 3/10 [=======>......................] cost 0.4213 accuracy 0.912 (1.2 s)".</summary>
    public static string ToText(ProgressState s, int width = 30)
    {
        int filled = (int)Math.Round(s.Fraction * width);
        var bar = new string('=', Math.Max(0, filled - (filled < width ? 1 : 0))) + (filled < width && filled > 0 ? ">" : "") ;
        return $"[{bar.PadRight(width, '.')}] {Metrics(s)}";
    }

    private static string Metrics(ProgressState s)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"epoch {s.Epoch}/{s.Epochs}");
        if (s.Cost is { } c) sb.Append(CultureInfo.InvariantCulture, $" cost {c:0.0000}");
        if (s.Accuracy is { } a) sb.Append(CultureInfo.InvariantCulture, $" accuracy {a:0.000}");
        sb.Append(CultureInfo.InvariantCulture, $" ({s.ElapsedSeconds:0.0} s)");
        return sb.ToString();
    }

    private static string Html(string text) => Formatters.Html.Escape(text);
}
