using System.Globalization;
using System.Text;

namespace DeepNotes.Interactive.Formatters;

/// <summary>
/// Shows tensors with image semantics as inline PNGs: H×W (gray), H×W×C with C in {1, 3, 4}, or a batch
/// N×H×W×C / N×H×W as a grid. Values in [0, 1] are scaled to 0–255; anything with a maximum above 1 is
/// taken as 0–255 already (the course's raw image arrays). Nothing is written to disk: images are data URIs.
/// </summary>
public static class Images
{
    /// <summary>One image as HTML (scaled up by <paramref name="scale"/> with crisp pixels).</summary>
    public static HtmlFragment Show(Tensor image, int scale = 1, string? caption = null)
    {
        var (h, w, c) = ImageShape(image, "Images.Show");
        var uri = Png.DataUri(Png.Encode(ToBytes(image.Contiguous().ToArray(), IsUnit(image)), w, h, c));
        var html = new StringBuilder("<div class=\"dn-box\" style=\"display:inline-block;text-align:center\">");
        html.Append(Img(uri, w * Math.Max(1, scale), h * Math.Max(1, scale)));
        if (caption is not null) html.Append("<div>").Append(Html.Escape(caption)).Append("</div>");
        html.Append("</div>");
        return new HtmlFragment(html.ToString(), $"image {h}×{w}×{c}" + (caption is null ? "" : $" ({caption})"));
    }

    /// <summary>
    /// A grid of a batch of images (first axis), each with an optional label and prediction underneath;
    /// a prediction that differs from its label is shown in red, a matching one in green.
    /// </summary>
    public static HtmlFragment Grid(Tensor batch, IReadOnlyList<string>? labels = null, IReadOnlyList<string>? predictions = null,
        int columns = 8, int scale = 2, int maxImages = 64)
    {
        if (batch.Rank is not (3 or 4))
            throw new ArgumentException($"Images.Grid: expected a batch N×H×W or N×H×W×C, got shape {batch.Shape}");
        if (columns <= 0) throw new ArgumentOutOfRangeException(nameof(columns), $"Images.Grid: columns must be positive, got {columns}");
        int n = batch.Shape[0];
        if (labels is not null && labels.Count != n) throw new ArgumentException($"Images.Grid: {labels.Count} labels for {n} images");
        if (predictions is not null && predictions.Count != n) throw new ArgumentException($"Images.Grid: {predictions.Count} predictions for {n} images");
        var (h, w, c) = ImageShape(batch.Shape.ToArray()[1..], "Images.Grid");
        bool unit = IsUnit(batch);
        var all = batch.Contiguous().ToArray();
        int per = h * w * c;
        int shown = Math.Min(n, maxImages);
        var html = new StringBuilder(Html.TableStyle);
        html.Append("<div class=\"dn-box\"><div style=\"display:grid;grid-template-columns:repeat(")
            .Append(Math.Min(columns, shown)).Append(",max-content);gap:6px\">");
        for (int i = 0; i < shown; i++)
        {
            var uri = Png.DataUri(Png.Encode(ToBytes(all.AsSpan(i * per, per), unit), w, h, c));
            html.Append("<div style=\"text-align:center\">").Append(Img(uri, w * scale, h * scale));
            if (labels is not null || predictions is not null)
            {
                html.Append("<div style=\"font-size:11px\">");
                if (labels is not null) html.Append(Html.Escape(labels[i]));
                if (predictions is not null)
                {
                    bool ok = labels is null || labels[i] == predictions[i];
                    html.Append(labels is null ? "" : " → ").Append("<span style=\"color:").Append(ok ? "#1a7f37" : "#c62828")
                        .Append(";font-weight:bold\">").Append(Html.Escape(predictions[i])).Append("</span>");
                }
                html.Append("</div>");
            }
            html.Append("</div>");
        }
        html.Append("</div>");
        if (shown < n) html.Append("<div class=\"dn-head\">showing ").Append(shown).Append(" of ").Append(n).Append(" images</div>");
        html.Append("</div>");
        return new HtmlFragment(html.ToString(), $"{n} images {h}×{w}×{c}");
    }

    /// <summary>(height, width, channels) of an image tensor, or a clear error naming the accepted layouts.</summary>
    internal static (int H, int W, int C) ImageShape(Tensor image, string op) => ImageShape(image.Shape.ToArray(), op);

    internal static (int H, int W, int C) ImageShape(int[] s, string op)
    {
        if (s.Length == 2) return (s[0], s[1], 1);
        if (s.Length == 3 && s[2] is 1 or 3 or 4) return (s[0], s[1], s[2]);
        throw new ArgumentException($"{op}: expected an image H×W or H×W×C with C in {{1, 3, 4}}, got shape {Shape.Format(s)}");
    }

    private static bool IsUnit(Tensor t) => t.Size == 0 || t.Max().Item() <= 1.0;

    private static byte[] ToBytes(ReadOnlySpan<double> values, bool unit)
    {
        var bytes = new byte[values.Length];
        double factor = unit ? 255.0 : 1.0;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i] * factor;
            bytes[i] = double.IsNaN(v) ? (byte)0 : (byte)Math.Clamp(Math.Round(v), 0, 255);
        }
        return bytes;
    }

    private static string Img(string uri, int width, int height) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<img src=\"{uri}\" width=\"{width}\" height=\"{height}\" style=\"image-rendering:pixelated;border:1px solid #ddd\"/>");
}

/// <summary><c>tensor.ShowImage()</c> for notebook cells.</summary>
public static class ImageExtensions
{
    /// <summary>Shows an H×W or H×W×C tensor as an inline picture, or a batch as a grid.</summary>
    public static HtmlFragment ShowImage(this Tensor image, int scale = 1, string? caption = null) =>
        image.Rank == 4 || (image.Rank == 3 && image.Shape[2] is not (1 or 3 or 4))
            ? Images.Grid(image, scale: Math.Max(scale, 1))
            : Images.Show(image, scale, caption);
}
