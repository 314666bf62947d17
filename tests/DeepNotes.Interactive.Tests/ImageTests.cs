using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DeepNotes.Interactive.Formatters;

namespace DeepNotes.Interactive.Tests;

public class ImageTests
{
    [Fact]
    public void Png_has_signature_header_and_valid_crcs()
    {
        byte[] pixels = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
        var png = Png.Encode(pixels, width: 2, height: 2, channels: 3);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = Chunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var ihdr = chunks[0].Data;
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(ihdr));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(ihdr.AsSpan(4)));
        Assert.Equal(8, ihdr[8]);
        Assert.Equal(2, ihdr[9]);   // truecolour
        // The IEND chunk's CRC is the same in every PNG file.
        Assert.Equal(0xAE426082u, chunks[2].Crc);
        foreach (var c in chunks)
            Assert.Equal(c.Crc, Png.Crc32(Png.Crc32(0xFFFFFFFFu, Encoding.ASCII.GetBytes(c.Type)), c.Data) ^ 0xFFFFFFFFu);
    }

    [Fact]
    public void Png_image_data_is_filtered_rows_of_the_pixels()
    {
        byte[] pixels = [0, 64, 128, 255];
        var idat = Chunks(Png.Encode(pixels, 2, 2, 1))[1].Data;
        using var zlib = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        Assert.Equal(new byte[] { 0, 0, 64, 0, 128, 255 }, raw.ToArray());
    }

    [Fact]
    public void Png_rejects_wrong_sizes_and_channel_counts()
    {
        Assert.Contains("2 channels", Assert.Throws<ArgumentException>(() => Png.Encode(new byte[8], 2, 2, 2)).Message);
        Assert.Contains("3 bytes", Assert.Throws<ArgumentException>(() => Png.Encode(new byte[3], 2, 2, 1)).Message);
    }

    [Fact]
    public void ShowImage_renders_an_inline_png_scaled_to_0_255()
    {
        var image = Np.Linspace(0, 1, 12).Reshape(3, 4);
        var fragment = image.ShowImage(scale: 2, caption: "ramp");
        Assert.Contains("src=\"data:image/png;base64,", fragment.Html);
        Assert.Contains("width=\"8\" height=\"6\"", fragment.Html);
        Assert.Contains("ramp", fragment.Html);
        Assert.Equal("image 3×4×1 (ramp)", fragment.Text);
    }

    [Fact]
    public void Grid_marks_wrong_predictions_in_red()
    {
        var batch = Np.Zeros(3, 4, 4, 3);
        var grid = Images.Grid(batch, labels: ["cat", "dog", "cat"], predictions: ["cat", "cat", "cat"]);
        Assert.Equal(3, grid.Html.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("color:#c62828;font-weight:bold\">cat", grid.Html);
        Assert.Contains("color:#1a7f37;font-weight:bold\">cat", grid.Html);
    }

    [Fact]
    public void Non_image_shapes_get_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Images.Show(Np.Ones(2, 3, 5)));
        Assert.Contains("expected an image H×W or H×W×C with C in {1, 3, 4}, got shape (2, 3, 5)", e.Message);
        Assert.Contains("2 labels for 3 images", Assert.Throws<ArgumentException>(() => Images.Grid(Np.Zeros(3, 2, 2), labels: ["a", "b"])).Message);
    }

    private static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[], uint)>();
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length).ToArray();
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            chunks.Add((type, data, crc));
            at += 12 + length;
        }
        return chunks;
    }
}
