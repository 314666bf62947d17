using DeepNotes;
using SkiaSharp;

namespace DeepNotes.Course.Tools;

/// <summary>Writes the first images of a set as a PNG grid, to look at what was built.</summary>
internal static class ContactSheet
{
    public static void Write(string path, Tensor images, Tensor labels, int columns = 8, int rows = 4)
    {
        int n = Math.Min(images.Shape[0], columns * rows), h = images.Shape[1], w = images.Shape[2];
        using var sheet = new SKBitmap(columns * (w + 2), rows * (h + 2));
        var px = images.ToArray();
        var y = labels.ToArray();
        for (int i = 0; i < n; i++)
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++)
                {
                    int o = ((i * h + r) * w + c) * 3;
                    sheet.SetPixel((i % columns) * (w + 2) + c + 1, (i / columns) * (h + 2) + r + 1,
                        new SKColor((byte)px[o], (byte)px[o + 1], (byte)px[o + 2]));
                }
        for (int i = 0; i < n; i++)
            if (y[i] == 1)
                for (int c = 0; c < w + 2; c++) sheet.SetPixel((i % columns) * (w + 2) + c, (i / columns) * (h + 2), SKColors.Red);
        using var data = sheet.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
