using SkiaSharp;

namespace DeepNotes.Course.Datasets;

/// <summary>
/// Draws a 64×64 picture of a hand showing 0–5 fingers: palm, wrist, five fingers (extended or folded) with a
/// random skin tone, pose (rotation ±12°, scale, shift, finger spread and lengths), a light wall-like background
/// gradient with a little clutter,
/// and pixel noise. Every random choice comes from the given numpy-compatible generator, so a seed fixes the image.
/// </summary>
internal static class HandSignRenderer
{
    public const int Size = 64;

    // Finger order: thumb, index, middle, ring, little. The usual ways people show each count, picked at random.
    private static readonly bool[][][] Poses =
    [
        [[false, false, false, false, false]],
        [[false, true, false, false, false], [true, false, false, false, false]],
        [[false, true, true, false, false], [true, true, false, false, false]],
        [[false, true, true, true, false], [true, true, true, false, false]],
        [[false, true, true, true, true]],
        [[true, true, true, true, true]],
    ];

    private static readonly SKColor[] SkinTones =
    [
        new(255, 224, 196), new(241, 194, 155), new(224, 172, 125), new(198, 134, 86),
        new(161, 102, 64), new(120, 72, 42), new(86, 52, 32), new(234, 192, 170),
    ];

    /// <summary>Renders one image as RGB values 0–255 (row-major, 64·64·3).</summary>
    public static double[] Render(NumpyRandom rng, int fingers)
    {
        using var bitmap = new SKBitmap(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        DrawBackground(canvas, rng);
        var poses = Poses[fingers];
        var up = poses[rng.Choice(poses.Length)];
        DrawHand(canvas, rng, up);
        canvas.Flush();
        var span = bitmap.GetPixelSpan();
        var result = new double[Size * Size * 3];
        double sigma = 2 + rng.RandomSample() * 5;
        var noise = rng.Randn(Size * Size * 3).AsSpan<double>(); // one call: the generator locks per call
        for (int p = 0; p < Size * Size; p++)
            for (int c = 0; c < 3; c++)
                result[p * 3 + c] = Math.Clamp(Math.Round(span[p * 4 + c] + noise[p * 3 + c] * sigma), 0, 255);
        return result;
    }

    private static SKColor Jitter(NumpyRandom rng, SKColor c, int amount) => new(
        (byte)Math.Clamp(c.Red + rng.RandIntScalar(-amount, amount + 1), 0, 255),
        (byte)Math.Clamp(c.Green + rng.RandIntScalar(-amount, amount + 1), 0, 255),
        (byte)Math.Clamp(c.Blue + rng.RandIntScalar(-amount, amount + 1), 0, 255));

    private static SKColor RandomColor(NumpyRandom rng) =>
        new((byte)rng.RandIntScalar(0, 256), (byte)rng.RandIntScalar(0, 256), (byte)rng.RandIntScalar(0, 256));

    private static SKColor WallColor(NumpyRandom rng)
    {
        int baseLevel = rng.RandIntScalar(150, 236);
        return new SKColor((byte)Math.Min(255, baseLevel + rng.RandIntScalar(-25, 26)), (byte)Math.Min(255, baseLevel + rng.RandIntScalar(-25, 26)),
            (byte)Math.Min(255, baseLevel + rng.RandIntScalar(-25, 26)));
    }

    private static void DrawBackground(SKCanvas canvas, NumpyRandom rng)
    {
        double angle = rng.RandomSample() * 2 * Math.PI;
        float dx = (float)(Math.Cos(angle) * Size / 2), dy = (float)(Math.Sin(angle) * Size / 2);
        // Light, muted walls like the course's photos: the hand, not the background, should carry the signal.
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(32 - dx, 32 - dy), new SKPoint(32 + dx, 32 + dy),
                   [WallColor(rng), WallColor(rng)], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = shader })
            canvas.DrawRect(0, 0, Size, Size, paint);
        int shapes = rng.RandIntScalar(0, 3);
        for (int i = 0; i < shapes; i++)
        {
            using var paint = new SKPaint { Color = RandomColor(rng).WithAlpha((byte)rng.RandIntScalar(30, 90)), IsAntialias = true };
            float x = (float)(rng.RandomSample() * Size), y = (float)(rng.RandomSample() * Size), r = (float)(3 + rng.RandomSample() * 12);
            if (rng.RandomSample() < 0.5) canvas.DrawCircle(x, y, r, paint);
            else canvas.DrawRect(x - r, y - r / 3, 2 * r, r * 2 / 3, paint);
        }
    }

    private static void DrawHand(SKCanvas canvas, NumpyRandom rng, bool[] up)
    {
        var skin = Jitter(rng, SkinTones[rng.Choice(SkinTones.Length)], 12);
        var shade = new SKColor((byte)(skin.Red * 0.7), (byte)(skin.Green * 0.7), (byte)(skin.Blue * 0.7));
        using var fill = new SKPaint { Color = skin, IsAntialias = true };
        using var edge = new SKPaint { Color = shade, IsAntialias = true, IsStroke = true, StrokeWidth = 1.2f };
        bool mirrored = rng.RandomSample() < 0.5; // left or right hand
        float scale = (float)(0.9 + rng.RandomSample() * 0.2);
        float angle = (float)((rng.RandomSample() * 2 - 1) * 12);
        float cx = 32 + (float)((rng.RandomSample() * 2 - 1) * 3), cy = 38 + (float)((rng.RandomSample() * 2 - 1) * 3);

        canvas.Save();
        canvas.Translate(cx, cy);
        canvas.RotateDegrees(angle);
        canvas.Scale(mirrored ? -scale : scale, scale);

        // Wrist and forearm run off the bottom of the frame.
        var wrist = new SKRect(-8, 6, 8, 40);
        canvas.DrawRect(wrist, fill);
        canvas.DrawLine(-8, 6, -8, 40, edge);
        canvas.DrawLine(8, 6, 8, 40, edge);

        // Palm: a rounded rectangle about 22 wide and 20 tall.
        float palmW = (float)(20 + rng.RandomSample() * 4), palmH = (float)(18 + rng.RandomSample() * 4);
        var palm = new SKRoundRect(new SKRect(-palmW / 2, -palmH / 2, palmW / 2, palmH / 2), 5, 5);

        // Four fingers along the top edge of the palm, then the thumb on the side.
        float spread = (float)(rng.RandomSample() * 9);
        for (int f = 1; f <= 4; f++)
        {
            float x = -palmW / 2 + palmW * (f - 0.5f) / 4;
            float length = (float)((f == 2 ? 17 : f == 4 ? 12 : 15.5) * (0.9 + rng.RandomSample() * 0.2));
            float tilt = (f - 2.5f) * spread;
            DrawFinger(canvas, fill, edge, x, -palmH / 2 + 2, tilt, up[f] ? length : 5.5f, 5.2f);
        }
        float thumbLength = up[0] ? (float)(12 * (0.9 + rng.RandomSample() * 0.2)) : 7f;
        float thumbAngle = up[0] ? (float)(-55 - rng.RandomSample() * 20) : -20f;
        DrawFinger(canvas, fill, edge, -palmW / 2 + 2, palmH / 2 - 7, thumbAngle, thumbLength, 5.8f);

        canvas.DrawRoundRect(palm, fill);
        canvas.DrawRoundRect(palm, edge);
        // Folded fingers show as knuckle bumps over the palm.
        for (int f = 1; f <= 4; f++)
            if (!up[f])
            {
                float x = -palmW / 2 + palmW * (f - 0.5f) / 4;
                canvas.DrawOval(new SKRect(x - 2.6f, -palmH / 2 - 1, x + 2.6f, -palmH / 2 + 5), edge);
            }
        canvas.Restore();
    }

    /// <summary>A capsule from (x, y) pointing up, turned by tilt degrees (negative leans left).</summary>
    private static void DrawFinger(SKCanvas canvas, SKPaint fill, SKPaint edge, float x, float y, float tilt, float length, float width)
    {
        canvas.Save();
        canvas.Translate(x, y);
        canvas.RotateDegrees(tilt);
        var r = new SKRoundRect(new SKRect(-width / 2, -length, width / 2, 3), width / 2, width / 2);
        canvas.DrawRoundRect(r, fill);
        canvas.DrawRoundRect(r, edge);
        canvas.Restore();
    }
}
