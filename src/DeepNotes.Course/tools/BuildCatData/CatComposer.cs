using DeepNotes;
using SkiaSharp;

namespace DeepNotes.Course.Tools;

/// <summary>Composes 64×64 RGB "cat vs non-cat" images from emoji on cluttered backgrounds (see README.md).</summary>
internal sealed class CatComposer
{
    private const int Size = 64;
    private static readonly string[] CatNames = ["1f431", "1f408", "1f408-200d-2b1b", "1f638", "1f639", "1f63a", "1f63b", "1f63c", "1f63d", "1f63e", "1f63f", "1f640"];
    private static readonly string[] HardNames =
    [
        "1f436", "1f415", "1f42f", "1f405", "1f981", "1f98a", "1f43b", "1f43c", "1f42d", "1f430", "1f439", "1f42e",
        "1f437", "1f435", "1f99d", "1f43a", "1f428", "1f429", "1f406", "1f400", "1f407", "1f994", "1f9a1", "1f43f-fe0f",
    ];

    private readonly SKBitmap[] cats;
    private readonly SKBitmap[] hard;
    private readonly string[] others;
    private readonly string folder;

    public CatComposer(string folder)
    {
        this.folder = folder;
        cats = CatNames.Select(Load).ToArray();
        hard = HardNames.Where(n => File.Exists(Path.Combine(folder, n + ".png"))).Select(Load).ToArray();
        var excluded = new HashSet<string>(CatNames.Concat(HardNames));
        others = Directory.GetFiles(folder, "*.png").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Where(n => !excluded.Contains(n) && !n.StartsWith("1f1")) // 1f1xx: flags and letter blocks
            .Order(StringComparer.Ordinal).ToArray();
    }

    private SKBitmap Load(string name) =>
        SKBitmap.Decode(Path.Combine(folder, name + ".png")) ?? throw new FileNotFoundException($"cannot decode {name}.png in {folder}");

    /// <summary>count images, exactly <paramref name="cats"/> of them cats, in a seeded random order.</summary>
    public (Tensor X, Tensor Y) Compose(int count, int cats, int seed)
    {
        var rng = new NumpyRandom(seed);
        var labels = new double[count];
        for (int i = 0; i < cats; i++) labels[i] = 1;
        rng.Shuffle(labels);
        var pixels = new double[count * Size * Size * 3];
        for (int i = 0; i < count; i++)
            Render(rng, labels[i] == 1).CopyTo(pixels, i * Size * Size * 3);
        return (Tensor.FromArray(pixels, count, Size, Size, 3), Tensor.FromArray(labels, 1, count));
    }

    private SKBitmap PickNonCat(NumpyRandom rng) =>
        rng.RandomSample() < 0.4 ? hard[rng.Choice(hard.Length)] : Load(others[rng.Choice(others.Length)]);

    private double[] Render(NumpyRandom rng, bool cat)
    {
        using var surface = new SKBitmap(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(surface);
        DrawBackground(canvas, rng);
        if (rng.RandomSample() < 0.3) DrawEmoji(canvas, rng, PickNonCat(rng), 0.25, 0.45);
        var main = cat ? cats[rng.Choice(cats.Length)] : PickNonCat(rng);
        DrawEmoji(canvas, rng, main, 0.45, 1.0);
        canvas.Flush();
        var result = new double[Size * Size * 3];
        var span = surface.GetPixelSpan();
        for (int p = 0; p < Size * Size; p++)
            for (int c = 0; c < 3; c++)
                result[p * 3 + c] = Math.Clamp(Math.Round(span[p * 4 + c] + rng.StandardNormal() * 6), 0, 255);
        return result;
    }

    private static SKColor RandomColor(NumpyRandom rng) =>
        new((byte)rng.RandIntScalar(0, 256), (byte)rng.RandIntScalar(0, 256), (byte)rng.RandIntScalar(0, 256));

    private static void DrawBackground(SKCanvas canvas, NumpyRandom rng)
    {
        double angle = rng.RandomSample() * 2 * Math.PI;
        var dx = (float)(Math.Cos(angle) * Size / 2);
        var dy = (float)(Math.Sin(angle) * Size / 2);
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(Size / 2f - dx, Size / 2f - dy), new SKPoint(Size / 2f + dx, Size / 2f + dy),
                   [RandomColor(rng), RandomColor(rng)], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = shader })
            canvas.DrawRect(0, 0, Size, Size, paint);
        int shapes = rng.RandIntScalar(3, 8);
        for (int i = 0; i < shapes; i++)
        {
            using var paint = new SKPaint { Color = RandomColor(rng).WithAlpha((byte)rng.RandIntScalar(60, 200)), IsAntialias = true };
            float x = (float)(rng.RandomSample() * Size), y = (float)(rng.RandomSample() * Size), r = (float)(4 + rng.RandomSample() * 16);
            if (rng.RandomSample() < 0.5) canvas.DrawCircle(x, y, r, paint);
            else canvas.DrawRect(x - r, y - r / 2, 2 * r, r, paint);
        }
    }

    private static void DrawEmoji(SKCanvas canvas, NumpyRandom rng, SKBitmap emoji, double minScale, double maxScale)
    {
        float scale = (float)(minScale + rng.RandomSample() * (maxScale - minScale));
        float half = Size * scale / 2;
        float slack = Math.Max(0, Size / 2f - half * 0.7f);
        float cx = Size / 2f + (float)((rng.RandomSample() * 2 - 1) * slack);
        float cy = Size / 2f + (float)((rng.RandomSample() * 2 - 1) * slack);
        float angle = (float)((rng.RandomSample() * 2 - 1) * 30);
        // Brightness, contrast and saturation jitter as one colour matrix (Skia takes the offset column in 0..1 units).
        float b = (float)((rng.RandomSample() * 2 - 1) * 40 / 255.0), k = (float)(0.75 + rng.RandomSample() * 0.5), s = (float)(0.5 + rng.RandomSample() * 0.8);
        float lr = 0.2126f * (1 - s), lg = 0.7152f * (1 - s), lb = 0.0722f * (1 - s);
        float[] m =
        [
            k * (lr + s), k * lg, k * lb, 0, b,
            k * lr, k * (lg + s), k * lb, 0, b,
            k * lr, k * lg, k * (lb + s), 0, b,
            0, 0, 0, 1, 0,
        ];
        using var image = SKImage.FromBitmap(emoji);
        using var filter = SKColorFilter.CreateColorMatrix(m);
        using var paint = new SKPaint { ColorFilter = filter, IsAntialias = true };
        canvas.Save();
        canvas.Translate(cx, cy);
        canvas.RotateDegrees(angle);
        canvas.DrawImage(image, new SKRect(-half, -half, half, half), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        canvas.Restore();
    }
}
